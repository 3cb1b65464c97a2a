using System.Text.Json;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>
/// Maelstrom's checks on node output (net.clj Message, client.clj reply schemas): a closed
/// envelope and, for the workload's replies, closed bodies with integer ids.
/// </summary>
public static class Schema
{
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Bodies = new()
    {
        ["init_ok"] = (new[] { "type", "in_reply_to" }, new[] { "msg_id" }),
        ["topology_ok"] = (new[] { "type", "in_reply_to" }, new[] { "msg_id" }),
        ["broadcast_ok"] = (new[] { "type", "in_reply_to" }, new[] { "msg_id" }),
        ["read_ok"] = (new[] { "type", "messages", "in_reply_to" }, new[] { "msg_id" }),
        ["error"] = (new[] { "type", "code", "in_reply_to" }, new[] { "text" }),
        ["gossip"] = (new[] { "type", "ack" }, new[] { "seq", "from", "values", "up", "have" }),
    };

    /// <summary>Null if valid, else the reason.</summary>
    public static string? Violation(string line)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException e) { return $"not JSON: {e.Message}"; }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "not an object";
            var keys = root.EnumerateObject().Select(p => p.Name).ToArray();
            if (!keys.OrderBy(k => k).SequenceEqual(new[] { "body", "dest", "src" })) return $"envelope keys {string.Join(",", keys)}";
            if (root.GetProperty("src").ValueKind != JsonValueKind.String) return "src not a string";
            if (root.GetProperty("dest").ValueKind != JsonValueKind.String) return "dest not a string";
            return BodyViolation(root.GetProperty("body"));
        }
    }

    private static string? BodyViolation(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return "body not an object";
        if (!body.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String) return "no type";
        if (!Bodies.TryGetValue(t.GetString()!, out var schema)) return $"unexpected type {t.GetString()}";
        var keys = body.EnumerateObject().Select(p => p.Name).ToHashSet();
        var missing = schema.Required.Where(k => !keys.Contains(k)).ToArray();
        if (missing.Length > 0) return $"missing {string.Join(",", missing)}";
        var extra = keys.Where(k => !schema.Required.Contains(k) && !schema.Optional.Contains(k)).ToArray();
        if (extra.Length > 0) return $"extra keys {string.Join(",", extra)}";
        foreach (var k in new[] { "msg_id", "in_reply_to", "code", "seq", "from", "ack" })
            if (body.TryGetProperty(k, out var v) && !(v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _)))
                return $"{k} not an integer";
        foreach (var k in new[] { "messages", "values", "have" })
            if (body.TryGetProperty(k, out var v) && (v.ValueKind != JsonValueKind.Array
                || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.Number || !x.TryGetInt64(out _))))
                return $"{k} not an array of integers";
        return null;
    }
}
