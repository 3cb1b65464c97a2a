using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Checkers;

/// <summary>Maelstrom's <c>--availability</c> goal: none, <c>total</c>, or a minimum
/// ok-fraction.</summary>
public abstract record AvailabilityGoal
{
    private AvailabilityGoal() { }

    /// <summary>No goal: availability is always valid (Maelstrom's default).</summary>
    public sealed record None : AvailabilityGoal
    {
        /// <summary>The only instance.</summary>
        public static readonly None Value = new();
    }

    /// <summary><c>total</c>: every invocation must complete :ok.</summary>
    public sealed record Total : AvailabilityGoal
    {
        /// <summary>The only instance.</summary>
        public static readonly Total Value = new();
    }

    /// <summary>A number a: the ok-fraction must be at least a.</summary>
    public sealed record AtLeast(double Fraction) : AvailabilityGoal;
}

/// <summary>The <c>:availability</c> result.</summary>
/// <param name="Valid">Whether the goal was met.</param>
/// <param name="OkCount">:ok ops in the whole history.</param>
/// <param name="InvokeCount">:invoke ops in the whole history.</param>
public sealed record AvailabilityResult(Validity Valid, long OkCount, long InvokeCount)
{
    /// <summary>
    /// <c>:ok-fraction</c> = oks / invokes as a 32-bit float (Clojure's <c>float</c>), or null
    /// when there were no invocations (Maelstrom then reports the integer 1).
    /// </summary>
    public float? OkFraction => InvokeCount == 0 ? null : (float)((double)OkCount / InvokeCount);
}

/// <summary>Maelstrom's availability checker (src/maelstrom/checker.clj).</summary>
public static class Availability
{
    /// <summary>Counts :ok and :invoke ops over the whole history (nemesis ops are
    /// :info).</summary>
    public static AvailabilityResult Check(IEnumerable<Op> history, AvailabilityGoal goal)
    {
        long ok = 0, invokes = 0;
        foreach (var op in history)
        {
            if (op.Type == OpType.Ok) ok++;
            else if (op.Type == OpType.Invoke) invokes++;
        }
        float fraction = invokes == 0 ? 1f : (float)((double)ok / invokes);
        var valid = goal switch
        {
            AvailabilityGoal.None => true,
            AvailabilityGoal.Total => fraction == 1f,
            AvailabilityGoal.AtLeast a => a.Fraction <= fraction,
            _ => throw new System.Diagnostics.UnreachableException(goal.ToString()),
        };
        return new AvailabilityResult(Validities.Of(valid), ok, invokes);
    }
}
