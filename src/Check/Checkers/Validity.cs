namespace FunctionalGossip.Check.Checkers;

using FunctionalGossip.Edn;

/// <summary>A checker verdict: Jepsen's <c>:valid?</c> (true, :unknown or false).</summary>
public enum Validity
{
    /// <summary><c>true</c>.</summary>
    Valid,

    /// <summary><c>:unknown</c>: nothing was wrong, but nothing could be confirmed
    /// either.</summary>
    Unknown,

    /// <summary><c>false</c>.</summary>
    Invalid,
}

/// <summary>Merging and rendering of <see cref="Validity"/>.</summary>
public static class Validities
{
    /// <summary>
    /// Jepsen's <c>merge-valid</c>: the most significant verdict wins, false &gt; :unknown &gt;
    /// true;
    /// no verdicts at all merge to true.
    /// </summary>
    public static Validity Merge(IEnumerable<Validity> verdicts) =>
        verdicts.Aggregate(Validity.Valid, (a, b) => Priority(b) > Priority(a) ? b : a);

    private static int Priority(Validity v) => v switch
    {
        Validity.Valid => 0,
        Validity.Unknown => 1,
        Validity.Invalid => 2,
        _ => throw new System.Diagnostics.UnreachableException(v.ToString()),
    };

    /// <summary>The EDN form: <c>true</c>, <c>:unknown</c> or <c>false</c>.</summary>
    public static Edn ToEdn(this Validity v) => v switch
    {
        Validity.Valid => new Edn.Bool(true),
        Validity.Unknown => Edn.Kw("unknown"),
        Validity.Invalid => new Edn.Bool(false),
        _ => throw new System.Diagnostics.UnreachableException(v.ToString()),
    };

    /// <summary>Jepsen's CLI exit status: 0 valid, 1 invalid, 2 unknown.</summary>
    public static int ExitCode(this Validity v) => v switch
    {
        Validity.Valid => 0,
        Validity.Invalid => 1,
        Validity.Unknown => 2,
        _ => throw new System.Diagnostics.UnreachableException(v.ToString()),
    };

    /// <summary>Validity from a boolean.</summary>
    public static Validity Of(bool valid) => valid ? Validity.Valid : Validity.Invalid;
}
