using System.Text.Json;

namespace FunctionalGossip.Harness.Engine;

/// <summary>A node stdout line that Maelstrom would reject, and why.</summary>
/// <param name="AtNs">Run time at which the line was read.</param>
/// <param name="Node">The node that wrote it.</param>
/// <param name="Line">The line.</param>
/// <param name="Reason">Maelstrom's complaint.</param>
public sealed record Violation(long AtNs, string Node, string Line, string Reason);

/// <summary>
/// Parses node stdout lines as Maelstrom does (process.clj <c>parse-msg</c>, net.clj
/// <c>Message</c> schema): one JSON object holding exactly <c>src</c> and <c>dest</c>
/// (strings), <c>body</c> (anything) and optionally an integer <c>id</c>.
/// </summary>
public static class EnvelopeParser
{
    /// <summary>A parsed envelope: the ends and the body as compact JSON.</summary>
    public sealed record Parsed(string Src, string Dest, string BodyJson);

    /// <summary>The envelope, or the reason the line is rejected.</summary>
    public static (Parsed? Envelope, string? Error) Parse(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return (null, "line-not-valid-json: printed a line to STDOUT which was not "
                + "well-formed JSON");
        }
        using (doc)
        {
            var error = SchemaError(doc.RootElement);
            if (error is not null) return (null, "malformed-message: " + error);
            var root = doc.RootElement;
            return (new Parsed(root.GetProperty("src").GetString()!,
                root.GetProperty("dest").GetString()!,
                Compact(root.GetProperty("body"))), null);
        }
    }

    /// <summary>Maelstrom re-serialises bodies compactly; a body already written without
    /// whitespace or escapes is taken verbatim (the common case, and much cheaper).</summary>
    private static string Compact(JsonElement body)
    {
        var raw = body.GetRawText();
        return raw.AsSpan().IndexOfAny(" \t\n\r\\") < 0 ? raw : Json.Compacted(body);
    }

    private static string? SchemaError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return "a message must be a JSON object";
        foreach (var p in root.EnumerateObject())
        {
            var problem = p.Name switch
            {
                "src" or "dest" => p.Value.ValueKind == JsonValueKind.String
                    ? null : $"{p.Name} must be a string",
                "body" => null,
                "id" => p.Value.ValueKind == JsonValueKind.Number
                    && p.Value.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0
                    ? null : "id must be an integer",
                _ => $"disallowed key {p.Name}",
            };
            if (problem is not null) return problem;
        }
        foreach (var required in new[] { "src", "dest", "body" })
        {
            if (!root.TryGetProperty(required, out _)) return $"missing required key {required}";
        }
        return null;
    }
}
