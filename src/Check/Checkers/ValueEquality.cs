using System.Collections.Immutable;

namespace FunctionalGossip.Check.Checkers;

/// <summary>
/// Element-wise equality for <see cref="ImmutableArray{T}"/> fields of result records
/// (ImmutableArray's own equality compares array references).
/// </summary>
internal static class ValueEquality
{
    public static bool Same<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        a.IsDefaultOrEmpty ? b.IsDefaultOrEmpty : !b.IsDefault && a.SequenceEqual(b);

    public static int Hash<T>(ImmutableArray<T> a)
    {
        var hash = new HashCode();
        if (!a.IsDefault) foreach (var x in a) hash.Add(x);
        return hash.ToHashCode();
    }
}
