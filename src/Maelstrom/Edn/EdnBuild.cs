using System.Collections.Immutable;

namespace FunctionalGossip.Edn;

public abstract partial record Edn
{
    /// <summary>The keyword <c>:name</c>.</summary>
    public static Edn Kw(string name) => new Keyword(name);

    /// <summary>An integer; small non-negative ones (broadcast values, indices) are shared
    /// instances, so a history of large reads holds references rather than one object per
    /// number.</summary>
    public static Int Of(long value)
    {
        if (value is < 0 or >= SharedInts) return new Int(value);
        var shared = _ints ??= new Int?[SharedInts];
        return shared[value] ??= new Int(value);
    }

    private const int SharedInts = 1 << 16;
    private static Int?[]? _ints;

    /// <summary>A string.</summary>
    public static Edn Of(string value) => new Str(value);

    /// <summary>A boolean.</summary>
    public static Edn Of(bool value) => new Bool(value);

    /// <summary>A vector of the given items.</summary>
    public static Edn VectorOf(IEnumerable<Edn> items) => new Vector([.. items]);

    /// <summary>A list of the given items.</summary>
    public static Edn ListOf(IEnumerable<Edn> items) => new List([.. items]);

    /// <summary>A map with the given entries, in this order.</summary>
    public static Map MapOf(params ReadOnlySpan<(Edn Key, Edn Value)> entries)
    {
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<Edn, Edn>>(entries.Length);
        foreach (var (k, v) in entries) builder.Add(new(k, v));
        return new Map(builder.MoveToImmutable());
    }

    /// <summary>A map keyed by keywords, e.g. <c>KwMap(("valid?", Of(true)))</c>.</summary>
    public static Map KwMap(params ReadOnlySpan<(string Key, Edn Value)> entries)
    {
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<Edn, Edn>>(entries.Length);
        foreach (var (k, v) in entries) builder.Add(new(new Keyword(k), v));
        return new Map(builder.MoveToImmutable());
    }

    /// <summary>True when this is the keyword <c>:name</c>.</summary>
    public bool IsKeyword(string name) => this is Keyword k && k.Name == name;
}
