using System.Text;
using System.Text.Json;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Maelstrom;

namespace FunctionalGossip.Harness.Maelstrom;

/// <summary>
/// Parses node stdout lines as Maelstrom does (process.clj <c>parse-msg</c>, net.clj
/// <c>Message</c> schema): one JSON object holding exactly <c>src</c> and <c>dest</c>
/// (strings), <c>body</c> (anything) and optionally an integer <c>id</c>.
/// </summary>
public static class EnvelopeParser
{
    /// <summary>A parsed envelope: the ends and the body as compact JSON.</summary>
    /// <param name="Src">The sender.</param>
    /// <param name="Dest">The receiver.</param>
    /// <param name="BodyJson">The body as compact JSON.</param>
    /// <param name="Reply">The body as a client reads it, when the line named a client
    /// (<c>c…</c>) as <c>dest</c> before its body: read in the same pass, so a large
    /// <c>read_ok</c> is not read twice. Null otherwise; the client then reads it itself.
    /// </param>
    public sealed record Parsed(string Src, string Dest, string BodyJson, ReplyBody? Reply = null);

    /// <summary>What a line reads as: the envelope, or the reason the line is rejected.
    /// </summary>
    /// <param name="Envelope">The envelope; null when the line is rejected.</param>
    /// <param name="Error">Maelstrom's reason for rejecting the line; null when it is not.
    /// </param>
    public sealed record Reading(Parsed? Envelope, string? Error);

    /// <summary>The envelope, or the reason the line is rejected. The line is read in one
    /// pass; a schema problem counts only once the whole line is known to be JSON.</summary>
    public static Reading Parse(string line) =>
        Utf8Scratch.Read(line, utf8 => Parse(line, utf8));

    private static Reading Parse(string line, ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        Fields fields;
        try
        {
            fields = ReadFields(ref reader);
            if (reader.Read()) throw new JsonException("more than one value");
        }
        catch (JsonException)
        {
            return new(null, "line-not-valid-json: printed a line to STDOUT which was not "
                + "well-formed JSON");
        }
        var error = fields.Problem ?? Missing(fields);
        if (error is not null) return new(null, "malformed-message: " + error);
        var (start, length) = fields.Body;
        var ascii = utf8.Length == line.Length;
        return new(new Parsed(fields.Src!, fields.Dest!,
            Compact(ascii ? line.Substring((int)start, (int)length)
                : Encoding.UTF8.GetString(utf8.Slice((int)start, (int)length))),
            Ids.IsClient(fields.Dest!) ? fields.Reply : null), null);
    }

    /// <summary>What the top level holds: the last src, dest and body (the last of a repeated
    /// key counts, as for Jackson), and the first schema problem in written order.</summary>
    private struct Fields
    {
        public string? Src, Dest, Problem;
        public (long Start, long Length) Body;
        public bool HasBody;
        public ReplyBody? Reply;
    }

    private static Fields ReadFields(ref Utf8JsonReader reader)
    {
        var fields = new Fields();
        if (!reader.Read()) throw new JsonException("empty line");
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            fields.Problem = "a message must be a JSON object";
            return fields;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var problem = ReadField(ref reader, name, ref fields);
            fields.Problem ??= problem;
        }
        return fields;
    }

    private static string? ReadField(ref Utf8JsonReader reader, string name, ref Fields fields)
    {
        if (name == "body") return ReadBody(ref reader, ref fields);
        var token = reader.TokenType;
        reader.Skip();
        switch (name)
        {
            case "src" or "dest" when token != JsonTokenType.String:
                return $"{name} must be a string";
            case "src": fields.Src = reader.GetString(); return null;
            case "dest": fields.Dest = reader.GetString(); return null;
            case "id":
                return token == JsonTokenType.Number && Json.IsIntegerText(reader.ValueSpan)
                    ? null : "id must be an integer";
            default:
                return $"disallowed key {name}";
        }
    }

    /// <summary>Notes where the body lies in the line (any JSON value). A body sent to a
    /// client, its dest read already, is also read as the client will read it, in this same
    /// pass; the reading of an earlier repeated body is dropped either way.</summary>
    private static string? ReadBody(ref Utf8JsonReader reader, ref Fields fields)
    {
        var start = reader.TokenStartIndex;
        var toClient = fields.Dest is { } dest && Ids.IsClient(dest);
        fields.Reply = toClient ? ReplyBody.Read(ref reader) : null;
        if (!toClient) reader.Skip();
        (fields.Body, fields.HasBody) = ((start, reader.BytesConsumed - start), true);
        return null;
    }

    private static string? Missing(Fields fields) =>
        fields.Src is null ? "missing required key src"
        : fields.Dest is null ? "missing required key dest"
        : !fields.HasBody ? "missing required key body"
        : null;

    /// <summary>Maelstrom re-serialises bodies compactly; a body already written without
    /// whitespace or escapes is taken verbatim (the common case, and much cheaper).</summary>
    private static string Compact(string raw)
    {
        if (raw.AsSpan().IndexOfAny(" \t\n\r\\") < 0) return raw;
        using var doc = JsonDocument.Parse(raw);
        return Json.Compacted(doc.RootElement);
    }
}
