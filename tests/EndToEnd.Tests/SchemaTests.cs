namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>The output judge used on the node's lines can fail, for each of its rules.</summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData(
        """{"src":"n0","dest":"c1","body":{"type":"read_ok","messages":[1],"in_reply_to":1}}""",
        null)]
    [InlineData("""{"src":"n0","dest":"n1","body":{"type":"anything","x":[1]}}""", null)]
    [InlineData("""{"src":"n0","dest":"c1","body":{"type":"read_ok","in_reply_to":1}}""",
        "missing required key messages")]
    [InlineData("""{"src":"n0","dest":"c1","body":{"type":"broadcast_ok","in_reply_to":1,"x":2}}""",
        "disallowed key x")]
    [InlineData("""{"src":"n0","dest":"c1","body":{"type":"gossip","in_reply_to":1}}""",
        "unexpected reply type gossip")]
    [InlineData("""{"src":"n0","body":{}}""", "malformed-message")]
    [InlineData("""not json""", "line-not-valid-json")]
    [InlineData("""{"src":"n0","dest":"n1","body":"""
        + """{"type":"g","values":[123456789012345678901234567890]}}""", "fitting a long")]
    public void Judge_NamesTheRuleALineBreaks(string line, string? reason)
    {
        var violation = Schema.Violation(line);
        if (reason is null) Assert.Null(violation);
        else Assert.Contains(reason, violation);
    }
}
