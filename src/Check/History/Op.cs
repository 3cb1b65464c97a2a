namespace FunctionalGossip.Check.History;

using FunctionalGossip.Edn;

/// <summary>The <c>:type</c> of a Jepsen operation.</summary>
public enum OpType
{
    /// <summary><c>:invoke</c>: the operation started.</summary>
    Invoke,

    /// <summary><c>:ok</c>: it definitely happened.</summary>
    Ok,

    /// <summary><c>:fail</c>: it definitely did not happen.</summary>
    Fail,

    /// <summary><c>:info</c>: unknown outcome (and every nemesis op).</summary>
    Info,
}

/// <summary>The <c>:process</c> of an operation: a client number, <c>:nemesis</c>, or anything
/// else.</summary>
public abstract record OpProcess
{
    private OpProcess() { }

    /// <summary>A client process (an integer; Jepsen's <c>client-op?</c>).</summary>
    public sealed record Client(long Number) : OpProcess;

    /// <summary>The nemesis (<c>:nemesis</c>).</summary>
    public sealed record Nemesis : OpProcess
    {
        /// <summary>The only nemesis process.</summary>
        public static readonly Nemesis Value = new();
    }

    /// <summary>Any other process value, kept verbatim.</summary>
    public sealed record Other(Edn Value) : OpProcess;

    /// <summary>The EDN form of this process.</summary>
    public Edn ToEdn() => this switch
    {
        Client c => new Edn.Int(c.Number),
        Nemesis => Edn.Kw("nemesis"),
        Other o => o.Value,
        _ => throw new System.Diagnostics.UnreachableException(GetType().Name),
    };

    /// <summary>The process denoted by an EDN value.</summary>
    public static OpProcess FromEdn(Edn value) => value switch
    {
        Edn.Int i => new Client(i.Value),
        Edn.Keyword { Name: "nemesis" } => Nemesis.Value,
        _ => new Other(value),
    };
}

/// <summary>
/// One Jepsen history operation, as Maelstrom writes it to <c>history.edn</c>.
/// </summary>
/// <param name="Index">Dense position in the history (<c>:index</c>).</param>
/// <param name="Time">Nanoseconds since the test's relative time 0 (<c>:time</c>).</param>
/// <param name="Type">Invoke, ok, fail or info.</param>
/// <param name="Process">Client number or nemesis.</param>
/// <param name="F">The function, normally a keyword such as <c>:broadcast</c> or
/// <c>:read</c>.</param>
/// <param name="Value">The value (<c>nil</c> for a read invocation).</param>
/// <param name="Error">The <c>:error</c> value, or null when the op has none.</param>
/// <param name="Final">True when the op carries <c>:final? true</c>.</param>
/// <param name="Extra">Any other keys (e.g. <c>:exception</c>), in their original order.</param>
public sealed record Op(
    long Index, long Time, OpType Type, OpProcess Process, Edn F, Edn Value,
    Edn? Error = null, bool Final = false, Edn.Map? Extra = null)
{
    /// <summary>Other keys, never null.</summary>
    public Edn.Map Extra { get; init; } = Extra ?? Edn.Map.Empty;

    /// <summary>True when <see cref="F"/> is the keyword <c>:name</c>.</summary>
    public bool IsF(string name) => F.IsKeyword(name);

    /// <summary>The client number, or null for the nemesis and other processes.</summary>
    public long? ClientNumber => Process is OpProcess.Client c ? c.Number : null;

    /// <summary>A client op with a keyword <c>:f</c>, e.g. <c>Op.ForClient(0, t, OpType.Invoke, 2,
    /// "read", nil)</c>.</summary>
    public static Op ForClient(long index, long time, OpType type, long process, string f,
        Edn value,
        Edn? error = null, bool final = false) =>
        new(index, time, type, new OpProcess.Client(process), Edn.Kw(f), value, error, final);

    /// <summary>The keyword for an op type (<c>:invoke</c>, <c>:ok</c>, …).</summary>
    public static string TypeName(OpType type) => type switch
    {
        OpType.Invoke => "invoke",
        OpType.Ok => "ok",
        OpType.Fail => "fail",
        OpType.Info => "info",
        _ => throw new System.Diagnostics.UnreachableException(type.ToString()),
    };
}
