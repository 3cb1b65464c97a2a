using System.Collections.Immutable;

namespace FunctionalGossip.Check.Format;

public abstract partial record Edn
{
    /// <summary>The keyword <c>:name</c>.</summary>
    public static Edn Kw(string name) => new Keyword(name);

    /// <summary>An integer.</summary>
    public static Edn Of(long value) => new Int(value);

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
