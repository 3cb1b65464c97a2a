using System.Text.Json;

namespace FunctionalGossip.Harness.Engine;

/// <summary>What a client made of the reply to its request (client.clj <c>rpc!</c>,
/// <c>throw-errors!</c>, <c>check-body</c>).</summary>
public abstract record ReplyOutcome
{
    private ReplyOutcome() { }

    /// <summary>A well-formed reply of the expected type; <see cref="Messages"/> holds the
    /// <c>messages</c> array of a <c>read_ok</c> as JSON.</summary>
    public sealed record Ok(JsonElement? Messages) : ReplyOutcome;

    /// <summary>An <c>error</c> body: Maelstrom's error name for the code (or
    /// <c>unknown</c>), whether it is definite, and the text if any.</summary>
    public sealed record Error(long? Code, string Name, bool Definite, string? Text)
        : ReplyOutcome;

    /// <summary>A reply that breaks the closed schema: <c>:malformed-rpc-response</c>.</summary>
    public sealed record Malformed(string Reason) : ReplyOutcome;
}

/// <summary>Reads replies the way Maelstrom's client does.</summary>
public static class ClientReplies
{
    private static readonly Dictionary<long, (string Name, bool Definite)> Registry = new()
    {
        [0] = ("timeout", false), [1] = ("node-not-found", true),
        [10] = ("not-supported", true), [11] = ("temporarily-unavailable", true),
        [12] = ("malformed-request", true), [13] = ("crash", false), [14] = ("abort", true),
        [20] = ("key-does-not-exist", true), [21] = ("key-already-exists", true),
        [22] = ("precondition-failed", true), [30] = ("txn-conflict", true),
    };

    /// <summary>The body's integer <c>in_reply_to</c>, or null (absent, not an integer, or
    /// the body is not an object): only an exact integer match is the awaited reply.</summary>
    public static long? InReplyTo(string bodyJson)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(bodyJson));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKey = reader.ValueTextEquals("in_reply_to");
            reader.Read();
            if (isKey)
                return reader.TokenType == JsonTokenType.Number && IsInteger(reader)
                    && reader.TryGetInt64(out var v) ? v : null;
            reader.Skip();
        }
        return null;
    }

    private static bool IsInteger(Utf8JsonReader reader) =>
        reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    /// <summary>
    /// Judges a reply to a request whose reply type is <paramref name="okType"/>. Errors come
    /// first (their bodies may carry extra keys); otherwise the body must hold exactly
    /// <c>type</c>, <c>in_reply_to</c> (integer), optional integer <c>msg_id</c>, and for
    /// <c>read_ok</c> a <c>messages</c> array.
    /// </summary>
    public static ReplyOutcome Judge(string bodyJson, string okType)
    {
        using var doc = JsonDocument.Parse(bodyJson);
        var body = doc.RootElement;
        if (body.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            && t.GetString() == "error")
            return ErrorOf(body);
        var reason = SchemaViolation(body, okType);
        if (reason is not null) return new ReplyOutcome.Malformed(reason);
        return new ReplyOutcome.Ok(okType == "read_ok"
            ? body.GetProperty("messages").Clone() : null);
    }

    private static ReplyOutcome.Error ErrorOf(JsonElement body)
    {
        long? code = body.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number
            && c.TryGetInt64(out var v) ? v : null;
        var text = body.TryGetProperty("text", out var tx) && tx.ValueKind == JsonValueKind.String
            ? tx.GetString() : null;
        var (name, definite) = code is { } k && Registry.TryGetValue(k, out var e)
            ? e : ("unknown", false);
        return new ReplyOutcome.Error(code, name, definite, text);
    }

    private static string? SchemaViolation(JsonElement body, string okType)
    {
        if (body.ValueKind != JsonValueKind.Object) return "body is not a JSON object";
        foreach (var p in body.EnumerateObject())
        {
            var problem = p.Name switch
            {
                "type" => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == okType
                    ? null : $"type must be \"{okType}\"",
                "in_reply_to" or "msg_id" => IsInt(p.Value) ? null : $"{p.Name} must be an integer",
                "messages" when okType == "read_ok" => p.Value.ValueKind == JsonValueKind.Array
                    ? null : "messages must be an array",
                _ => $"disallowed key {p.Name}",
            };
            if (problem is not null) return problem;
        }
        if (!body.TryGetProperty("type", out _)) return "missing required key type";
        if (!body.TryGetProperty("in_reply_to", out _)) return "missing required key in_reply_to";
        if (okType == "read_ok" && !body.TryGetProperty("messages", out _))
            return "missing required key messages";
        return null;
    }

    private static bool IsInt(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;
}
