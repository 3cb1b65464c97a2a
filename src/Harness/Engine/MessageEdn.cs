using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FunctionalGossip.Check.Format;

namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// JSON to EDN as Maelstrom sees it: Cheshire parses integers as longs (bigger ones as
/// BigIntegers) and other numbers as doubles, arrays as vectors, objects as maps with string
/// keys, except that the message and body's own keys become keywords (process.clj).
/// </summary>
public static class MessageEdn
{
    /// <summary>The EDN value of a JSON element; object keys become keywords at the first
    /// <paramref name="keywordDepth"/> levels.</summary>
    public static Edn FromJson(JsonElement e, int keywordDepth = 0) => e.ValueKind switch
    {
        JsonValueKind.Null => Edn.Nil.Value,
        JsonValueKind.True => new Edn.Bool(true),
        JsonValueKind.False => new Edn.Bool(false),
        JsonValueKind.String => new Edn.Str(e.GetString()!),
        JsonValueKind.Number => Number(e.GetRawText()),
        JsonValueKind.Array => new Edn.Vector(
            [.. e.EnumerateArray().Select(x => FromJson(x))]),
        JsonValueKind.Object => new Edn.Map([.. e.EnumerateObject().Select(p =>
            new KeyValuePair<Edn, Edn>(
                keywordDepth > 0 ? new Edn.Keyword(p.Name) : new Edn.Str(p.Name),
                FromJson(p.Value, keywordDepth - 1)))]),
        _ => Edn.Nil.Value,
    };

    private static Edn Number(string text)
    {
        if (text.IndexOfAny(['.', 'e', 'E']) >= 0)
            return new Edn.Float(double.Parse(text, CultureInfo.InvariantCulture));
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
            out var l)
            ? new Edn.Int(l)
            : new Edn.BigInt(BigInteger.Parse(text, CultureInfo.InvariantCulture));
    }

    /// <summary>The body's EDN with keyword keys at its top level.</summary>
    public static Edn Body(string bodyJson)
    {
        using var doc = JsonDocument.Parse(bodyJson);
        return FromJson(doc.RootElement, 1);
    }

    /// <summary>Maelstrom's <c>pr-str</c> of a message record, as in --log-net-* lines.</summary>
    public static string PrStr(NetMessage m)
    {
        var record = new Edn.Tagged("maelstrom.net.message.Message", EdnBuildMap(
            ("id", new Edn.Int(m.Id)), ("src", new Edn.Str(m.Src)),
            ("dest", new Edn.Str(m.Dest)), ("body", Body(m.BodyJson))));
        return EdnWriter.Write(record);
    }

    private static Edn.Map EdnBuildMap(params (string Key, Edn Value)[] entries) =>
        new([.. entries.Select(kv =>
            new KeyValuePair<Edn, Edn>(new Edn.Keyword(kv.Key), kv.Value))]);

    /// <summary>An empty vector.</summary>
    public static readonly Edn EmptyVector = new Edn.Vector(ImmutableArray<Edn>.Empty);
}
