using System.Numerics;

namespace FunctionalGossip.Check.Checkers;

using FunctionalGossip.Edn;

/// <summary>
/// A total order on EDN values close to Clojure's <c>compare</c>: numbers by value, strings,
/// keywords and symbols by ordinal text. Values of different kinds (which Clojure refuses to
/// compare) are ordered by kind, then by their EDN text.
/// </summary>
public sealed class EdnOrder : IComparer<Edn>
{
    /// <summary>The comparer.</summary>
    public static readonly EdnOrder Instance = new();

    /// <inheritdoc/>
    public int Compare(Edn? x, Edn? y)
    {
        if (x is null || y is null) return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        if (IsNumber(x) && IsNumber(y)) return CompareNumbers(x, y);
        int byKind = Kind(x).CompareTo(Kind(y));
        if (byKind != 0) return byKind;
        return (x, y) switch
        {
            (Edn.Str a, Edn.Str b) => string.CompareOrdinal(a.Value, b.Value),
            (Edn.Keyword a, Edn.Keyword b) => string.CompareOrdinal(a.Name, b.Name),
            (Edn.Symbol a, Edn.Symbol b) => string.CompareOrdinal(a.Name, b.Name),
            (Edn.Bool a, Edn.Bool b) => a.Value.CompareTo(b.Value),
            _ => string.CompareOrdinal(x.ToString(), y.ToString()),
        };
    }

    private static bool IsNumber(Edn x) => x is Edn.Int or Edn.BigInt or Edn.Float or Edn.Ratio;

    private static int CompareNumbers(Edn x, Edn y)
    {
        if (x is Edn.Int a && y is Edn.Int b) return a.Value.CompareTo(b.Value);
        if (x is Edn.Float || y is Edn.Float) return ToDouble(x).CompareTo(ToDouble(y));
        var (xn, xd) = Rational(x);
        var (yn, yd) = Rational(y);
        return (xn * yd).CompareTo(yn * xd);
    }

    private static (BigInteger Num, BigInteger Den) Rational(Edn x) => x switch
    {
        Edn.Int i => (i.Value, BigInteger.One),
        Edn.BigInt b => (b.Value, BigInteger.One),
        Edn.Ratio r => (r.Numerator, r.Denominator),
        _ => throw new ArgumentException("not an exact number: " + x),
    };

    private static double ToDouble(Edn x) => x switch
    {
        Edn.Float f => f.Value,
        _ => (double)Rational(x).Num / (double)Rational(x).Den,
    };

    private static int Kind(Edn x) => x switch
    {
        Edn.Nil => 0,
        Edn.Bool => 1,
        Edn.Int or Edn.BigInt or Edn.Float or Edn.Ratio => 2,
        Edn.Char => 3,
        Edn.Str => 4,
        Edn.Keyword => 5,
        Edn.Symbol => 6,
        Edn.List or Edn.Vector or Edn.Set or Edn.Map or Edn.Tagged => 7,
        _ => throw new System.Diagnostics.UnreachableException(x.GetType().Name),
    };
}
