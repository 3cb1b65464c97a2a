using System.Diagnostics;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace FunctionalGossip.Edn;

/// <summary>
/// Writes EDN on one line the way Clojure's <c>pr</c> does (<c>{:a 1, :b [1 2]}</c>), or,
/// with <see cref="Print"/>, the way <c>print</c> does (strings and characters unquoted).
/// </summary>
public static class EdnWriter
{
    /// <summary>Readable EDN text of <paramref name="value"/> (Clojure <c>pr-str</c>).</summary>
    public static string Write(Edn value)
    {
        if (value is Edn.Vector { Count: >= RememberedLength } v) return ReadableText(v);
        var sb = new StringBuilder();
        Append(sb, value, readably: true);
        return sb.ToString();
    }

    /// <summary>Human text of <paramref name="value"/> (Clojure <c>print-str</c>): strings
    /// unquoted.</summary>
    public static string Print(Edn value)
    {
        var sb = new StringBuilder();
        Append(sb, value, readably: false);
        return sb.ToString();
    }

    /// <summary>Appends the readable text of <paramref name="value"/> (<see cref="Write"/>'s)
    /// to <paramref name="sb"/>, with no string of it in between.</summary>
    public static StringBuilder AppendReadable(StringBuilder sb, Edn value)
    {
        Append(sb, value, readably: true);
        return sb;
    }

    /// <summary>Appends the text of <paramref name="value"/> to <paramref name="sb"/>.</summary>
    internal static void Append(StringBuilder sb, Edn value, bool readably)
    {
        switch (value)
        {
            case Edn.List l: AppendItems(sb, "(", l.Items, ")", readably); break;
            case Edn.Vector { Ints: { } ints }: AppendInts(sb, new CompactInts(ints)); break;
            case Edn.Vector { Count: >= RememberedLength } v when readably:
                if (v.ReadableText is null && AllInts(v.Items))
                    AppendInts(sb, new EdnInts(v.Items));
                else sb.Append(ReadableText(v));
                break;
            case Edn.Vector v: AppendItems(sb, "[", v.Items, "]", readably); break;
            case Edn.Set s: AppendItems(sb, "#{", s.Items, "}", readably); break;
            case Edn.Map m: AppendMap(sb, m, readably); break;
            case Edn.Tagged t:
                sb.Append(TagPrefix(t));
                Append(sb, t.Value, readably);
                break;
            case Edn.Str s: sb.Append(readably ? QuoteString(s.Value) : s.Value); break;
            case Edn.Char c: sb.Append(readably ? CharLiteral(c.Value) : c.Value.ToString()); break;
            case Edn.Int i: AppendInt(sb, i.Value); break;
            case Edn.Keyword k: sb.Append(':').Append(k.Name); break;
            default: sb.Append(Atom(value)); break;
        }
    }

    private static void AppendInt(StringBuilder sb, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        sb.Append(digits[..length]);
    }

    /// <summary>
    /// "#tag" plus a space unless the value opens with a bracket (fipp writes
    /// <c>#jepsen.history.Op{…}</c>); a set keeps the space, since <c>#tag#{}</c> would read
    /// as the tag <c>tag#</c>.
    /// </summary>
    internal static string TagPrefix(Edn.Tagged t) =>
        "#" + t.Tag + (t.Value is Edn.Map or Edn.Vector or Edn.List ? "" : " ");

    /// <summary>True for lists, vectors, sets and maps.</summary>
    internal static bool IsCollection(Edn value) =>
        value is Edn.List or Edn.Vector or Edn.Set or Edn.Map;

    /// <summary>Text of a scalar value (numbers, nil, booleans, keywords, symbols).</summary>
    internal static string Atom(Edn value) => value switch
    {
        Edn.Nil => "nil",
        Edn.Bool b => b.Value ? "true" : "false",
        Edn.Int i => i.Value.ToString(CultureInfo.InvariantCulture),
        Edn.BigInt b => b.Value.ToString(CultureInfo.InvariantCulture) + "N",
        Edn.Float f => FloatText(f.Value),
        Edn.Ratio r => r.Numerator.ToString(CultureInfo.InvariantCulture) + "/"
            + r.Denominator.ToString(CultureInfo.InvariantCulture),
        Edn.Keyword k => ":" + k.Name,
        Edn.Symbol s => s.Name,
        Edn.Str s => QuoteString(s.Value),
        Edn.Char c => CharLiteral(c.Value),
        Edn.List or Edn.Vector or Edn.Set or Edn.Map or Edn.Tagged =>
            throw new ArgumentException("not a scalar: " + value.GetType().Name),
        _ => throw new UnreachableException(value.GetType().Name),
    };

    private static string FloatText(double x) =>
        double.IsNaN(x) ? "##NaN"
        : double.IsPositiveInfinity(x) ? "##Inf"
        : double.IsNegativeInfinity(x) ? "##-Inf"
        : JavaNumber.FormatDouble(x);

    /// <summary>Vectors at least this long keep their readable text once written, except
    /// vectors of integers (a read's values): their text is quick to write again, and a
    /// 1,000-node run's reads would keep over half a gigabyte of it alive for the store.
    /// </summary>
    private const int RememberedLength = 64;

    private static string ReadableText(Edn.Vector v) =>
        v.Ints is { } ints ? IntVectorText(new CompactInts(ints))
        : v.ReadableText ?? (AllInts(v.Items) ? IntVectorText(new EdnInts(v.Items)) : null)
            ?? (v.ReadableText = AppendItems(new StringBuilder(), "[", v.Items, "]", true)
                .ToString());

    private static bool AllInts(ImmutableArray<Edn> items)
    {
        foreach (var item in items)
        {
            if (item is not Edn.Int) return false;
        }
        return true;
    }

    /// <summary>What <see cref="AppendItems"/> writes for a vector of integers: written into
    /// a pooled buffer a few thousand characters at a time and appended from there, since two
    /// builder appends per item (a space, the digits) cost more than the digits themselves
    /// in a run's history, where reads hold thousands of values each.</summary>
    private static void AppendInts<T>(StringBuilder sb, T items) where T : struct, IIntItems
    {
        const int MaxChars = 21; // a space and a long's digits with its sign
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(IntsBufferChars);
        try
        {
            buffer[0] = '[';
            var at = 1;
            for (var i = 0; i < items.Count; i++)
            {
                if (at > buffer.Length - MaxChars - 1)
                {
                    sb.Append(buffer, 0, at);
                    at = 0;
                }
                if (i > 0) buffer[at++] = ' ';
                items[i].TryFormat(buffer.AsSpan(at), out var written, default,
                    CultureInfo.InvariantCulture);
                at += written;
            }
            buffer[at++] = ']';
            sb.Append(buffer, 0, at);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The integers of a vector, in either of its forms (a struct, so that the
    /// writers' loops are compiled for each with no call through an interface).</summary>
    private interface IIntItems
    {
        int Count { get; }
        long this[int i] { get; }
    }

    /// <summary>A vector's items, every one an <see cref="Edn.Int"/>.</summary>
    private readonly struct EdnInts(ImmutableArray<Edn> items) : IIntItems
    {
        public int Count => items.Length;
        public long this[int i] => ((Edn.Int)items[i]).Value;
    }

    /// <summary>A compact vector's integers (<see cref="Edn.Vector.Ints"/>), read from the
    /// array under them (a memory's <c>Span</c> checks what it wraps on every call, which
    /// cost as much as writing the digits).</summary>
    private readonly struct CompactInts : IIntItems
    {
        private readonly ArraySegment<int> _ints;

        public CompactInts(ReadOnlyMemory<int> ints) =>
            _ints = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(ints, out var a)
                ? a : new ArraySegment<int>(ints.ToArray());

        public int Count => _ints.Count;
        public long this[int i] => _ints.Array![_ints.Offset + i];
    }

    private const int IntsBufferChars = 8192;

    /// <summary>The text of a vector of integers, written straight into a string sized up
    /// front rather than grown in a builder and copied. The same text
    /// <see cref="AppendItems"/> writes.</summary>
    private static string IntVectorText<T>(T items) where T : struct, IIntItems
    {
        var length = 2 + Math.Max(items.Count - 1, 0);
        for (var i = 0; i < items.Count; i++) length += DigitCount(items[i]);
        return string.Create(length, items, static (span, items) =>
        {
            span[0] = '[';
            var at = 1;
            for (var i = 0; i < items.Count; i++)
            {
                if (at > 1) span[at++] = ' ';
                items[i].TryFormat(span[at..], out var written, default,
                    CultureInfo.InvariantCulture);
                at += written;
            }
            span[at] = ']';
        });
    }

    /// <summary>Characters in the decimal text of <paramref name="value"/>, sign included.
    /// </summary>
    private static int DigitCount(long value)
    {
        if (value == long.MinValue) return 20;
        var count = value < 0 ? 2 : 1;
        for (var rest = Math.Abs(value); rest >= 10; rest /= 10) count++;
        return count;
    }

    private static StringBuilder AppendItems(
        StringBuilder sb, string open, ImmutableArray<Edn> items, string close, bool readably)
    {
        sb.Append(open);
        bool first = true;
        foreach (var item in items)
        {
            if (!first) sb.Append(' ');
            Append(sb, item, readably);
            first = false;
        }
        return sb.Append(close);
    }

    private static void AppendMap(StringBuilder sb, Edn.Map map, bool readably)
    {
        sb.Append('{');
        bool first = true;
        foreach (var entry in map.Entries)
        {
            if (!first) sb.Append(", ");
            Append(sb, entry.Key, readably);
            sb.Append(' ');
            Append(sb, entry.Value, readably);
            first = false;
        }
        sb.Append('}');
    }

    /// <summary>A string literal with Clojure's escapes (<c>\" \\ \n \t \r \f \b</c>).</summary>
    public static string QuoteString(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\f' => "\\f",
                '\b' => "\\b",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A character literal as Clojure prints it (<c>\a</c>, <c>\newline</c>, …).
    /// </summary>
    public static string CharLiteral(char c) => c switch
    {
        '\n' => "\\newline",
        ' ' => "\\space",
        '\t' => "\\tab",
        '\b' => "\\backspace",
        '\f' => "\\formfeed",
        '\r' => "\\return",
        _ when char.IsControl(c) || char.IsSurrogate(c) =>
            "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
        _ => "\\" + c,
    };
}
