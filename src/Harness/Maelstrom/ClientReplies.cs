using System.Text.Json;
using FunctionalGossip.Maelstrom;

namespace FunctionalGossip.Harness.Maelstrom;

using FunctionalGossip.Edn;

/// <summary>What a client made of the reply to its request (client.clj <c>rpc!</c>,
/// <c>throw-errors!</c>, <c>check-body</c>).</summary>
public abstract record ReplyOutcome
{
    private ReplyOutcome() { }

    /// <summary>A well-formed reply of the expected type; <see cref="Messages"/> holds the
    /// <c>messages</c> array of a <c>read_ok</c> as EDN (as Cheshire parses it).</summary>
    public sealed record Ok(Edn? Messages) : ReplyOutcome;

    /// <summary>An <c>error</c> body: Maelstrom's error name for the code (or
    /// <c>unknown</c>), whether it is definite, and the text if any.</summary>
    public sealed record Error(long? Code, string Name, bool Definite, string? Text)
        : ReplyOutcome;

    /// <summary>A reply that breaks the closed schema: <c>:malformed-rpc-response</c>.</summary>
    public sealed record Malformed(string Reason) : ReplyOutcome;
}

/// <summary>One top-level key of a reply body, with what a client checks about it.</summary>
/// <param name="Name">The key.</param>
/// <param name="Token">The JSON token its value starts with.</param>
/// <param name="IntegerText">A number written without a fraction or exponent.</param>
/// <param name="Int64">The number's value when it is an integer that fits a long.</param>
/// <param name="Text">The value of a string.</param>
/// <param name="Value">The value as EDN, kept only for <c>messages</c>.</param>
public sealed record ReplyKey(string Name, JsonTokenType Token, bool IntegerText, long? Int64,
    string? Text, Edn? Value);

/// <summary>
/// A reply body read in one pass: whether it is an object and its keys in order. The
/// client's mailbox matches on <see cref="InReplyTo"/> and the client then judges the same
/// reading, so a reply is parsed once however large its <c>messages</c> array is. Where a key
/// repeats, the last one counts (as for Jackson and JsonElement).
/// </summary>
public sealed class ReplyBody
{
    private ReplyBody(bool isObject, IReadOnlyList<ReplyKey> keys) =>
        (IsObject, Keys) = (isObject, keys);

    /// <summary>True when the body is a JSON object.</summary>
    public bool IsObject { get; }

    /// <summary>The body's keys in written order (empty unless an object).</summary>
    public IReadOnlyList<ReplyKey> Keys { get; }

    /// <summary>The last key called <paramref name="name"/>, or null.</summary>
    public ReplyKey? Get(string name)
    {
        for (var i = Keys.Count - 1; i >= 0; i--)
        {
            if (Keys[i].Name == name) return Keys[i];
        }
        return null;
    }

    /// <summary>The integer <c>in_reply_to</c>, or null (absent, not an integer, or the body
    /// is not an object): only an exact integer match is the awaited reply.</summary>
    public long? InReplyTo => Get("in_reply_to") is { IntegerText: true, Int64: { } v } ? v : null;

    /// <summary>The string <c>type</c>, or null.</summary>
    public string? Type => Get("type")?.Text;

    /// <summary>Reads a body (compact JSON, as the network carries it).</summary>
    public static ReplyBody Parse(string bodyJson) => Utf8Scratch.Read(bodyJson, Parse);

    private static ReplyBody Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        return reader.Read() ? Read(ref reader) : new ReplyBody(false, []);
    }

    /// <summary>Reads the body value the reader is on (its first token), leaving the reader
    /// on its last: so a node's stdout line and the body inside it are read in one pass.
    /// </summary>
    public static ReplyBody Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new ReplyBody(false, []);
        }
        var keys = new List<ReplyKey>(4);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            keys.Add(KeyOf(name, ref reader));
        }
        return new ReplyBody(true, keys);
    }

    private static ReplyKey KeyOf(string name, ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        switch (token)
        {
            case JsonTokenType.Number:
                var integer = Json.IsIntegerText(reader.ValueSpan);
                long? int64 = integer && reader.TryGetInt64(out var v) ? v : null;
                return new ReplyKey(name, token, integer, int64, null, null);
            case JsonTokenType.String:
                return new ReplyKey(name, token, false, null, reader.GetString(), null);
            default:
                if (name == "messages")
                    return new ReplyKey(name, token, false, null, null,
                        MessageEdn.Read(ref reader, 0));
                reader.Skip();
                return new ReplyKey(name, token, false, null, null, null);
        }
    }
}

/// <summary>A reply a client awaited: the message and its body, read once.</summary>
/// <param name="Message">The message as the network carried it.</param>
/// <param name="Body">Its body's reading.</param>
public sealed record ClientReply(NetMessage Message, ReplyBody Body);

/// <summary>Reads replies the way Maelstrom's client does.</summary>
public static class ClientReplies
{
    /// <summary>
    /// Judges a reply to a request whose reply type is <paramref name="okType"/>. Errors come
    /// first (their bodies may carry extra keys); otherwise the body must hold exactly
    /// <c>type</c>, <c>in_reply_to</c> (integer), optional integer <c>msg_id</c>, and for
    /// <c>read_ok</c> a <c>messages</c> array.
    /// </summary>
    public static ReplyOutcome Judge(ReplyBody body, string okType)
    {
        if (body.Type == "error") return ErrorOf(body);
        var reason = SchemaViolation(body, okType);
        if (reason is not null) return new ReplyOutcome.Malformed(reason);
        return new ReplyOutcome.Ok(okType == "read_ok" ? body.Get("messages")!.Value : null);
    }

    private static ReplyOutcome.Error ErrorOf(ReplyBody body)
    {
        var code = body.Get("code")?.Int64;
        var text = body.Get("text")?.Text;
        var known = code is { } k ? ErrorCodes.Of(k) : null;
        return new ReplyOutcome.Error(code, known?.Name ?? "unknown", known?.Definite ?? false,
            text);
    }

    private static string? SchemaViolation(ReplyBody body, string okType)
    {
        if (!body.IsObject) return "body is not a JSON object";
        foreach (var key in body.Keys)
        {
            var problem = key.Name switch
            {
                "type" => key.Text == okType ? null : $"type must be \"{okType}\"",
                "in_reply_to" or "msg_id" => key.IntegerText ? null
                    : $"{key.Name} must be an integer",
                "messages" when okType == "read_ok" => key.Token == JsonTokenType.StartArray
                    ? null : "messages must be an array",
                _ => $"disallowed key {key.Name}",
            };
            if (problem is not null) return problem;
        }
        if (body.Get("type") is null) return "missing required key type";
        if (body.Get("in_reply_to") is null) return "missing required key in_reply_to";
        if (okType == "read_ok" && body.Get("messages") is null)
            return "missing required key messages";
        return null;
    }
}
