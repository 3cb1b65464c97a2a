using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalGossip.Edn;

/// <summary>
/// An EDN value: a closed hierarchy (the private constructor stops other subclasses).
/// Equality follows Clojure's <c>=</c> closely enough for checking: maps and sets compare
/// without regard to order, lists and vectors are distinct types, 1 and 1.0 differ.
/// Maps and sets keep the order they were read or built in, so writing reproduces it.
/// </summary>
public abstract partial record Edn
{
    private Edn() { }

    /// <summary>The EDN text of this value (compact, as Clojure's <c>pr-str</c>).</summary>
    public sealed override string ToString() => EdnWriter.Write(this);

    /// <summary><c>nil</c>.</summary>
    public sealed record Nil : Edn
    {
        /// <summary>The only nil.</summary>
        public static readonly Nil Value = new();
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public sealed record Bool(bool Value) : Edn;

    /// <summary>A 64-bit integer, e.g. <c>42</c>.</summary>
    public sealed record Int(long Value) : Edn;

    /// <summary>An arbitrary-precision integer, written with an <c>N</c> suffix.</summary>
    public sealed record BigInt(BigInteger Value) : Edn;

    /// <summary>A double, e.g. <c>0.5</c>, <c>##Inf</c>.</summary>
    public sealed record Float(double Value) : Edn;

    /// <summary>A ratio such as <c>1/3</c> (Clojure extension), kept as written.</summary>
    public sealed record Ratio(BigInteger Numerator, BigInteger Denominator) : Edn;

    /// <summary>A character literal such as <c>\a</c> or <c>\newline</c>.</summary>
    public sealed record Char(char Value) : Edn;

    /// <summary>A string.</summary>
    public sealed record Str(string Value) : Edn;

    /// <summary>A keyword; <see cref="Name"/> excludes the leading colon (<c>valid?</c>).</summary>
    public sealed record Keyword(string Name) : Edn;

    /// <summary>A symbol, e.g. <c>java.net.SocketException</c>.</summary>
    public sealed record Symbol(string Name) : Edn;

    /// <summary>A list <c>( … )</c>.</summary>
    public sealed record List(ImmutableArray<Edn> Items) : Edn
    {
        /// <summary>The elements, in order (never default).</summary>
        public ImmutableArray<Edn> Items { get; } = Items.IsDefault ? [] : Items;

        /// <inheritdoc/>
        public bool Equals(List? other) => other is not null && Items.SequenceEqual(other.Items);

        /// <inheritdoc/>
        public override int GetHashCode() => EdnEquality.SequenceHash(1, Items);
    }

    /// <summary>A vector <c>[ … ]</c>. A vector of integers that fit an <c>int</c> (a read's
    /// values: thousands per read, tens of millions per large run) may be kept compact
    /// (<see cref="OfInts"/>): four bytes a value that the collector never has to scan,
    /// instead of a reference each. Either form is the same value: equal, same hash, same
    /// text; <see cref="Items"/> of a compact vector builds its items on each call, so
    /// readers that meet reads use <see cref="Ints"/> first.</summary>
    public sealed record Vector : Edn
    {
        private readonly ImmutableArray<Edn> _items;
        private readonly int[]? _compact;

        /// <summary>A vector of <paramref name="Items"/>.</summary>
        /// <param name="Items">The elements, in order.</param>
        public Vector(ImmutableArray<Edn> Items) => _items = Items.IsDefault ? [] : Items;

        private Vector(int[] ints) => (_items, _compact) = (default, ints);

        /// <summary>A vector of the integers <paramref name="values"/>, kept compact.</summary>
        public static Vector OfInts(ReadOnlySpan<int> values) => new(values.ToArray());

        /// <summary>A compact vector that takes <paramref name="owned"/> as it is (the caller
        /// built it for this and keeps no reference), with no second copy.</summary>
        internal static Vector Owning(int[] owned) => new(owned);

        /// <summary>The elements, in order (never default).</summary>
        public ImmutableArray<Edn> Items => _compact is null ? _items : ItemsOf(_compact);

        /// <summary>The elements of a compact vector of integers; null for any other.</summary>
        public ReadOnlyMemory<int>? Ints =>
            _compact is null ? default(ReadOnlyMemory<int>?) : _compact.AsMemory();

        /// <summary>How many elements.</summary>
        public int Count => _compact?.Length ?? _items.Length;

        private static ImmutableArray<Edn> ItemsOf(int[] ints)
        {
            var items = new Edn[ints.Length];
            for (var i = 0; i < ints.Length; i++) items[i] = Of(ints[i]);
            return System.Runtime.InteropServices.ImmutableCollectionsMarshal
                .AsImmutableArray(items);
        }

        /// <summary>The elements, in order.</summary>
        public void Deconstruct(out ImmutableArray<Edn> Items) => Items = this.Items;

        /// <inheritdoc/>
        public bool Equals(Vector? other) =>
            other is not null && (_compact is { } a && other._compact is { } b
                ? a.AsSpan().SequenceEqual(b)
                : Items.SequenceEqual(other.Items));

        /// <inheritdoc/>
        public override int GetHashCode() => EdnEquality.SequenceHash(2, Items);

        /// <summary>The readable text of a long vector once written (see
        /// <see cref="EdnWriter"/>), unless its items are all integers (a read's values, quick
        /// to write again and too many to keep at scale). Items cannot change, so it never
        /// goes stale.</summary>
        internal string? ReadableText { get; set; }
    }

    /// <summary>A set <c>#{ … }</c>; elements keep their written order for output.</summary>
    public sealed record Set(ImmutableArray<Edn> Items) : Edn
    {
        /// <summary>The elements, in written order (never default).</summary>
        public ImmutableArray<Edn> Items { get; } = Items.IsDefault ? [] : Items;

        /// <inheritdoc/>
        public bool Equals(Set? other) =>
            other is not null && EdnEquality.SameElements(Items, other.Items);

        /// <inheritdoc/>
        public override int GetHashCode() => EdnEquality.UnorderedHash(Items);
    }

    /// <summary>A map <c>{ … }</c>; entries keep their written order for output.</summary>
    public sealed record Map(ImmutableArray<KeyValuePair<Edn, Edn>> Entries) : Edn
    {
        /// <summary>The entries, in written order (never default).</summary>
        public ImmutableArray<KeyValuePair<Edn, Edn>> Entries { get; } =
            Entries.IsDefault ? [] : Entries;

        /// <summary>The empty map.</summary>
        public static readonly Map Empty = new([]);

        /// <summary>The value at <paramref name="key"/>, or null when absent.</summary>
        public Edn? Get(Edn key)
        {
            foreach (var entry in Entries)
            {
                if (entry.Key.Equals(key)) return entry.Value;
            }
            return null;
        }

        /// <summary>The value at keyword <c>:name</c>, or null when absent.</summary>
        public Edn? Get(string keywordName) => Get(new Keyword(keywordName));

        /// <inheritdoc/>
        public bool Equals(Map? other) =>
            other is not null && EdnEquality.SameEntries(Entries, other.Entries);

        /// <inheritdoc/>
        public override int GetHashCode() => EdnEquality.UnorderedHash(Entries);
    }

    /// <summary>A tagged literal <c>#tag value</c>, e.g. <c>#jepsen.history.Op{…}</c>.</summary>
    public sealed record Tagged(string Tag, Edn Value) : Edn;
}
