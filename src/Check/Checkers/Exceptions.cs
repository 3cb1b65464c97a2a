using System.Collections.Immutable;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Checkers;

using FunctionalGossip.Edn;

/// <summary>One class of crashed op: how many, the exception class, and the first
/// example.</summary>
public sealed record ExceptionGroup(int Count, Edn Class, Op Example);

/// <summary>The <c>:exceptions</c> result; always valid.</summary>
public sealed record ExceptionsResult(ImmutableArray<ExceptionGroup> Groups)
{
    /// <summary>Always true.</summary>
    public Validity Valid => Validity.Valid;

    /// <summary>Value equality, element-wise.</summary>
    public bool Equals(ExceptionsResult? other) =>
        other is not null && ValueEquality.Same(Groups, other.Groups);

    /// <inheritdoc/>
    public override int GetHashCode() => ValueEquality.Hash(Groups);
}

/// <summary>
/// Jepsen's <c>unhandled-exceptions</c>: :info ops carrying an <c>:exception</c>, grouped by
/// <c>(-> exception :via first :type)</c>, most frequent first.
/// </summary>
public static class Exceptions
{
    /// <summary>Groups crashed ops by exception class.</summary>
    public static ExceptionsResult Check(IEnumerable<Op> history)
    {
        var groups = history
            .Where(op => op.Type == OpType.Info && op.Extra.Get("exception") is not null)
            .GroupBy(op => ClassOf(op.Extra.Get("exception")!))
            .Select(g => new ExceptionGroup(g.Count(), g.Key, g.First()))
            .OrderBy(g => g.Count)
            .Reverse()
            .ToImmutableArray();
        return new ExceptionsResult(groups);
    }

    private static Edn ClassOf(Edn exception)
    {
        var via = (exception as Edn.Map)?.Get("via");
        var first = via switch
        {
            Edn.Vector v when v.Items.Length > 0 => v.Items[0],
            Edn.List l when l.Items.Length > 0 => l.Items[0],
            _ => null,
        };
        return (first as Edn.Map)?.Get("type") ?? Edn.Nil.Value;
    }
}
