using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace FunctionalGossip.Maelstrom;

using FunctionalGossip.Edn;

/// <summary>
/// A message's EDN form, both ways. JSON to EDN as Maelstrom sees it: Cheshire parses integers
/// as longs (bigger ones as BigIntegers) and other numbers as doubles, arrays as vectors,
/// objects as maps with string keys, except that the message and body's own keys become
/// keywords (process.clj); <see cref="PrStr"/> is the record as --log-net-* lines print it.
/// And back: <see cref="Parse"/> reads such a record as the message a node read.
/// </summary>
public static class MessageEdn
{
    /// <summary>
    /// The EDN value starting at the reader's current token, which it consumes; object keys
    /// become keywords at the first <paramref name="keywordDepth"/> levels. Integers that fit a
    /// long are <see cref="Edn.Of(long)"/>'s shared instances.
    /// </summary>
    public static Edn Read(ref Utf8JsonReader reader, int keywordDepth) => reader.TokenType switch
    {
        JsonTokenType.Null => Edn.Nil.Value,
        JsonTokenType.True => new Edn.Bool(true),
        JsonTokenType.False => new Edn.Bool(false),
        JsonTokenType.String => new Edn.Str(reader.GetString()!),
        JsonTokenType.Number => Number(ref reader),
        JsonTokenType.StartArray => Array(ref reader),
        JsonTokenType.StartObject => Object(ref reader, keywordDepth),
        _ => throw new System.Diagnostics.UnreachableException(reader.TokenType.ToString()),
    };

    /// <summary>An array: kept compact (<see cref="Edn.Vector.OfInts"/>) while every item is
    /// an integer that fits an <c>int</c>, as a read's values are; from the first item that is
    /// not, every item as EDN.</summary>
    private static Edn Array(ref Utf8JsonReader reader)
    {
        var spare = _spareInts ??= new Stack<List<int>>();
        var ints = spare.Count > 0 ? spare.Pop() : [];
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Number
                    && Json.IsIntegerText(reader.ValueSpan) && reader.TryGetInt32(out var n))
                {
                    ints.Add(n);
                    continue;
                }
                return Mixed(ref reader,
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ints));
            }
            return Edn.Vector.OfInts(
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ints));
        }
        finally
        {
            ints.Clear();
            spare.Push(ints);
        }
    }

    /// <summary>The rest of an array whose items so far were the integers
    /// <paramref name="before"/> and whose current item is not one: every item as EDN.
    /// </summary>
    private static Edn Mixed(ref Utf8JsonReader reader, ReadOnlySpan<int> before)
    {
        var spare = _spareLists ??= new Stack<List<Edn>>();
        var items = spare.Count > 0 ? spare.Pop() : [];
        try
        {
            foreach (var n in before) items.Add(Edn.Of(n));
            do
            {
                // Stored through a span: List.Add's covariant array store checks the type of
                // every item.
                var count = items.Count;
                System.Runtime.InteropServices.CollectionsMarshal.SetCount(items, count + 1);
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items)[count] =
                    Read(ref reader, 0);
            } while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
            return new Edn.Vector(ImmutableArray.Create(
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items)));
        }
        finally
        {
            items.Clear();
            spare.Push(items);
        }
    }

    /// <summary>Lists to collect array items in, reused (one per nesting level) so that a
    /// large read is copied once, into its exactly sized vector.</summary>
    [ThreadStatic] private static Stack<List<Edn>>? _spareLists;

    /// <summary>The same for arrays of integers.</summary>
    [ThreadStatic] private static Stack<List<int>>? _spareInts;

    private static Edn Object(ref Utf8JsonReader reader, int keywordDepth)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<Edn, Edn>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            Edn key = keywordDepth > 0 ? new Edn.Keyword(name) : new Edn.Str(name);
            reader.Read();
            entries.Add(new(key, Read(ref reader, keywordDepth - 1)));
        }
        return new Edn.Map(entries.DrainToImmutable());
    }

    private static Edn Number(ref Utf8JsonReader reader)
    {
        var span = reader.ValueSpan;
        if (!Json.IsIntegerText(span))
            return new Edn.Float(double.Parse(span, CultureInfo.InvariantCulture));
        return reader.TryGetInt64(out var l)
            ? Edn.Of(l)
            : new Edn.BigInt(BigInteger.Parse(Encoding.UTF8.GetString(span),
                CultureInfo.InvariantCulture));
    }

    /// <summary>The EDN value of a JSON text; object keys become keywords at the first
    /// <paramref name="keywordDepth"/> levels.</summary>
    public static Edn FromJson(string json, int keywordDepth = 0) =>
        Utf8Scratch.Read(json, utf8 =>
        {
            var reader = new Utf8JsonReader(utf8);
            reader.Read();
            return Read(ref reader, keywordDepth);
        });

    /// <summary>The body's EDN with keyword keys at its top level.</summary>
    public static Edn Body(string bodyJson) => FromJson(bodyJson, 1);

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

    /// <summary>
    /// The message a <c>#maelstrom.net.message.Message{:id 58, :src "n1", :dest "n4",
    /// :body {…}}</c> record stands for, or null when the text is not such a record with an
    /// integer <c>:id</c>, string <c>:src</c>/<c>:dest</c> and a map <c>:body</c>. Keyword keys
    /// and values become strings, vectors/lists/sets arrays, numbers stay numbers; the body's
    /// keys are kept as they are (<c>:in_reply_to</c> → <c>in_reply_to</c>).
    /// </summary>
    public static NetMessage? Parse(string record)
    {
        if (EdnReader.Read(record) is not Parsed<Edn>.Ok ok) return null;
        var map = ok.Value switch
        {
            Edn.Tagged { Value: Edn.Map m } => m,
            Edn.Map m => m,
            _ => null,
        };
        if (map?.Get("id") is not Edn.Int id || map.Get("src") is not Edn.Str src
            || map.Get("dest") is not Edn.Str dest || map.Get("body") is not Edn.Map body)
            return null;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Json.Compact)) EdnJson.WriteValue(w, body, Name);
        return new NetMessage(id.Value, src.Value, dest.Value,
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static string Name(Edn key) => key switch
    {
        Edn.Keyword k => k.Name,
        Edn.Str s => s.Value,
        Edn.Symbol s => s.Name,
        Edn.Char c => c.Value.ToString(),
        _ => EdnWriter.Write(key),
    };

    /// <summary>An empty vector.</summary>
    public static readonly Edn EmptyVector = new Edn.Vector(ImmutableArray<Edn>.Empty);
}
