using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FunctionalGossip.Check.Format;

namespace FunctionalGossip.Replay.Logs;

/// <summary>A Maelstrom network message read from a jepsen.log record, as the JSON line the
/// node read from stdin (<c>{"id":…,"src":…,"dest":…,"body":{…}}</c>).</summary>
/// <param name="Src">Sender id.</param>
/// <param name="Dest">Receiver id.</param>
/// <param name="Json">The line.</param>
internal sealed record NetMessage(string Src, string Dest, string Json);

/// <summary>
/// Converts <c>#maelstrom.net.message.Message{:id 58, :src "n1", :dest "n4", :body {…}}</c>
/// (Clojure's <c>pr-str</c> of the record) to the JSON Maelstrom writes to a node's stdin:
/// keyword keys and values become strings, vectors/lists/sets arrays, numbers stay numbers.
/// </summary>
internal static class EdnMessage
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The message, or null when the text is not a Message record with string
    /// <c>:src</c>/<c>:dest</c> and a map <c>:body</c>.</summary>
    public static NetMessage? Parse(string text)
    {
        if (EdnReader.Read(text) is not Parsed<Edn>.Ok ok) return null;
        var map = ok.Value switch
        {
            Edn.Tagged { Value: Edn.Map m } => m,
            Edn.Map m => m,
            _ => null,
        };
        if (map?.Get("src") is not Edn.Str src || map.Get("dest") is not Edn.Str dest
            || map.Get("body") is not Edn.Map body) return null;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            if (map.Get("id") is Edn.Int id) w.WriteNumber("id", id.Value);
            w.WriteString("src", src.Value);
            w.WriteString("dest", dest.Value);
            w.WritePropertyName("body");
            EdnJson.WriteValue(w, body, Name);
            w.WriteEndObject();
        }
        return new NetMessage(src.Value, dest.Value, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Message keys are kept as they are (<c>:in_reply_to</c> →
    /// <c>in_reply_to</c>).</summary>
    private static string Name(Edn key) => key switch
    {
        Edn.Keyword k => k.Name,
        Edn.Str s => s.Value,
        Edn.Symbol s => s.Name,
        Edn.Char c => c.Value.ToString(),
        _ => EdnWriter.Write(key),
    };
}
