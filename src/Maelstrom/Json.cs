using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FunctionalGossip.Maelstrom;

/// <summary>JSON as Maelstrom writes and reads it (Jackson/Cheshire conventions), with
/// System.Text.Json and no reflection (Native AOT safe). Core's codec keeps its own writer
/// options, since Core references nothing of ours; these serve everything else.</summary>
public static class Json
{
    /// <summary>Escapes only what JSON requires (like Jackson): quotes, backslashes and
    /// control characters; other characters are written as they are.</summary>
    public static readonly JsonWriterOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Whether a JSON number's text has no fraction or exponent: Cheshire then reads
    /// it as an integer (a long, or a BigInteger beyond), and Maelstrom's schemas accept it
    /// as one.</summary>
    public static bool IsIntegerText(ReadOnlySpan<byte> number) =>
        number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    /// <summary>A JSON string literal for <paramref name="s"/>.</summary>
    public static string Quote(string s)
    {
        foreach (var c in s)
        {
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) return QuoteSlow(s);
        }
        return "\"" + s + "\"";
    }

    private static string QuoteSlow(string s)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Compact)) w.WriteStringValue(s);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The compact JSON text of an element.</summary>
    public static string Compacted(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Compact)) element.WriteTo(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
