using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>
/// A digest of a set of integers as inclusive ranges, flat: <c>[lo1, hi1, lo2, hi2, …]</c>,
/// ascending. Broadcast values are mostly consecutive, so a node's values are a few ranges:
/// this is how a node tells a new upstream what it already holds.
/// </summary>
public static class Ranges
{
    /// <summary>Holding nothing, as ranges: the one empty range <c>[1, 0]</c> (no ranges at
    /// all would be no digest: a node in fallback that holds no value yet must still be able
    /// to say so, to be sent everything).</summary>
    public static readonly Seq<long> Nothing = Seq(1L, 0L);

    /// <summary>The ranges of <paramref name="values"/>; <see cref="Nothing"/> when there are
    /// none.</summary>
    public static Seq<long> Of(Set<long> values)
    {
        if (values.IsEmpty) return Nothing;
        var flat = new List<long>();
        foreach (var v in values)
        {
            if (flat.Count > 0 && flat[^1] == v - 1) flat[^1] = v;
            else { flat.Add(v); flat.Add(v); }
        }
        return toSeq(flat).Strict();
    }

    /// <summary>The values of <paramref name="values"/> that the ranges
    /// <paramref name="have"/> leave out (any order and overlap of ranges is accepted).</summary>
    public static Seq<long> Lacking(Set<long> values, Seq<long> have)
    {
        var spans = have.Chunk(2).Where(p => p.Length == 2).Select(p => (Lo: p[0], Hi: p[1]))
            .OrderBy(p => p.Lo).ToArray();
        var lacking = new List<long>();
        var i = 0;
        foreach (var v in values)
        {
            while (i < spans.Length && spans[i].Hi < v) i++;
            if (i == spans.Length || v < spans[i].Lo) lacking.Add(v);
        }
        return toSeq(lacking).Strict();
    }
}
