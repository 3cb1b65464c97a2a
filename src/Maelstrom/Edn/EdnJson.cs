using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FunctionalGossip.Edn;

/// <summary>
/// Writes EDN as JSON with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe).
/// Map keys: keywords lose the colon and a trailing <c>?</c> (<c>:valid?</c> → <c>"valid"</c>);
/// other keys become their EDN text (<c>0.5</c> → <c>"0.5"</c>). Values: keywords and symbols
/// become strings without the colon (<c>:unknown</c> → <c>"unknown"</c>), lists, vectors and
/// sets become arrays, tagged literals become their value, nil becomes null, numbers keep their
/// EDN digits (non-finite doubles become null, ratios become strings such as "1/3").
/// </summary>
public static class EdnJson
{
    /// <summary>The JSON text of <paramref name="value"/>, indented, newline-terminated.</summary>
    public static string Write(Edn value, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream,
            new JsonWriterOptions { Indented = indented }))
        {
            WriteValue(writer, value, KeyName);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The JSON property name for an EDN map key.</summary>
    public static string KeyName(Edn key) => key switch
    {
        Edn.Keyword k => k.Name.EndsWith('?') ? k.Name[..^1] : k.Name,
        Edn.Str s => s.Value,
        Edn.Symbol s => s.Name,
        _ => EdnWriter.Write(key),
    };

    /// <summary>Writes <paramref name="value"/> as JSON to <paramref name="w"/>, naming map keys
    /// with <paramref name="keyName"/> (results JSON uses <see cref="KeyName"/>; a Maelstrom
    /// message keeps its keys verbatim).</summary>
    public static void WriteValue(Utf8JsonWriter w, Edn value, Func<Edn, string> keyName)
    {
        switch (value)
        {
            case Edn.Map m:
                w.WriteStartObject();
                foreach (var entry in m.Entries)
                {
                    w.WritePropertyName(keyName(entry.Key));
                    WriteValue(w, entry.Value, keyName);
                }
                w.WriteEndObject();
                break;
            case Edn.List l: WriteArray(w, l.Items, keyName); break;
            case Edn.Vector v: WriteArray(w, v.Items, keyName); break;
            case Edn.Set s: WriteArray(w, s.Items, keyName); break;
            case Edn.Tagged t: WriteValue(w, t.Value, keyName); break;
            default: WriteScalar(w, value); break;
        }
    }

    private static void WriteArray(Utf8JsonWriter w, IEnumerable<Edn> items,
        Func<Edn, string> keyName)
    {
        w.WriteStartArray();
        foreach (var item in items) WriteValue(w, item, keyName);
        w.WriteEndArray();
    }

    private static void WriteScalar(Utf8JsonWriter w, Edn value)
    {
        switch (value)
        {
            case Edn.Nil: w.WriteNullValue(); break;
            case Edn.Bool b: w.WriteBooleanValue(b.Value); break;
            case Edn.Int i: w.WriteNumberValue(i.Value); break;
            case Edn.BigInt b:
                w.WriteRawValue(b.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case Edn.Float f when !double.IsFinite(f.Value): w.WriteNullValue(); break;
            case Edn.Float f: w.WriteRawValue(JavaNumber.FormatDouble(f.Value)); break;
            case Edn.Ratio: w.WriteStringValue(EdnWriter.Write(value)); break;
            case Edn.Str s: w.WriteStringValue(s.Value); break;
            case Edn.Char c: w.WriteStringValue(c.Value.ToString()); break;
            case Edn.Keyword k: w.WriteStringValue(k.Name); break;
            case Edn.Symbol s: w.WriteStringValue(s.Name); break;
            default: throw new System.Diagnostics.UnreachableException(value.GetType().Name);
        }
    }
}
