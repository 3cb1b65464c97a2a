using System.Collections.Immutable;

namespace FunctionalGossip.Check.History;

using FunctionalGossip.Edn;

/// <summary>Converts between <see cref="Op"/> and its EDN map.</summary>
public static class OpEdn
{
    private static readonly string[] CoreKeys = ["index", "time", "type", "process", "f", "value"];

    /// <summary>
    /// The op as an EDN map with Jepsen's key order: <c>:index :time :type :process :f :value</c>,
    /// then <c>:final?</c>, the extra keys in order, then <c>:error</c> (the order in which
    /// Jepsen's generator, interpreter and Maelstrom's client add them).
    /// </summary>
    public static Edn.Map ToEdn(Op op)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<Edn, Edn>>();
        void Add(string key, Edn value) => entries.Add(new(Edn.Kw(key), value));
        Add("index", new Edn.Int(op.Index));
        Add("time", new Edn.Int(op.Time));
        Add("type", Edn.Kw(Op.TypeName(op.Type)));
        Add("process", op.Process.ToEdn());
        Add("f", op.F);
        Add("value", op.Value);
        if (op.Final) Add("final?", new Edn.Bool(true));
        entries.AddRange(op.Extra.Entries);
        if (op.Error is not null) Add("error", op.Error);
        return new Edn.Map(entries.ToImmutable());
    }

    /// <summary>The op as <c>#jepsen.history.Op{…}</c>, the way results.edn shows ops.</summary>
    public static Edn ToTagged(Op op) => new Edn.Tagged("jepsen.history.Op", ToEdn(op));

    /// <summary>
    /// Reads an op from an EDN map (or a tagged <c>#jepsen.history.Op{…}</c>). A failure names
    /// the missing or bad key; its position is 0:0, for the caller to fill in.
    /// </summary>
    public static Parsed<Op> FromEdn(Edn form)
    {
        if (form is Edn.Tagged { Value: Edn.Map tagged }) form = tagged;
        if (form is not Edn.Map map) return Fail("an op must be an EDN map");
        if (map.Get("index") is not Edn.Int index) return Fail("op has no integer :index");
        if (map.Get("time") is not Edn.Int time) return Fail("op has no integer :time");
        if (ParseType(map.Get("type")) is not OpType type)
            return Fail("op has no :type among :invoke :ok :fail :info");
        if (map.Get("process") is not Edn process) return Fail("op has no :process");
        bool final = map.Get("final?") is Edn.Bool { Value: true };
        var err = map.Get("error");
        bool hasError = err is not null and not Edn.Nil;
        var extra = map.Entries.Where(e => !IsCore(e.Key)
            && !(final && e.Key.IsKeyword("final?"))
            && !(hasError && e.Key.IsKeyword("error")));
        return new Parsed<Op>.Ok(new Op(index.Value, time.Value, type, OpProcess.FromEdn(process),
            map.Get("f") ?? Edn.Nil.Value, map.Get("value") ?? Edn.Nil.Value,
            hasError ? err : null, final, new Edn.Map([.. extra])));
    }

    private static Parsed<Op> Fail(string message) =>
        new Parsed<Op>.Failed(new ParseError(message, 0, 0));

    private static bool IsCore(Edn key) => key is Edn.Keyword k && CoreKeys.Contains(k.Name);

    private static OpType? ParseType(Edn? value) => value switch
    {
        Edn.Keyword { Name: "invoke" } => OpType.Invoke,
        Edn.Keyword { Name: "ok" } => OpType.Ok,
        Edn.Keyword { Name: "fail" } => OpType.Fail,
        Edn.Keyword { Name: "info" } => OpType.Info,
        _ => null,
    };
}
