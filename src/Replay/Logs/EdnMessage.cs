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
            Write(w, body);
            w.WriteEndObject();
        }
        return new NetMessage(src.Value, dest.Value, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void Write(Utf8JsonWriter w, Edn value)
    {
        switch (value)
        {
            case Edn.Map m:
                w.WriteStartObject();
                foreach (var (k, v) in m.Entries)
                {
                    w.WritePropertyName(Name(k));
                    Write(w, v);
                }
                w.WriteEndObject();
                break;
            case Edn.Vector v: WriteArray(w, v.Items); break;
            case Edn.List l: WriteArray(w, l.Items); break;
            case Edn.Set s: WriteArray(w, s.Items); break;
            case Edn.Tagged t: Write(w, t.Value); break;
            case Edn.Nil: w.WriteNullValue(); break;
            case Edn.Bool b: w.WriteBooleanValue(b.Value); break;
            case Edn.Int i: w.WriteNumberValue(i.Value); break;
            case Edn.BigInt b:
                w.WriteRawValue(b.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case Edn.Float f when double.IsFinite(f.Value): w.WriteNumberValue(f.Value); break;
            case Edn.Float: w.WriteNullValue(); break;
            case Edn.Str s: w.WriteStringValue(s.Value); break;
            default: w.WriteStringValue(Name(value)); break;
        }
    }

    private static void WriteArray(Utf8JsonWriter w, IEnumerable<Edn> items)
    {
        w.WriteStartArray();
        foreach (var item in items) Write(w, item);
        w.WriteEndArray();
    }

    private static string Name(Edn key) => key switch
    {
        Edn.Keyword k => k.Name,
        Edn.Str s => s.Value,
        Edn.Symbol s => s.Name,
        Edn.Char c => c.Value.ToString(),
        _ => EdnWriter.Write(key),
    };
}
