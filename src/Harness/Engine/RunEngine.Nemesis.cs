using FunctionalGossip.Check.Format;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Model;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    private bool _nemesisBusy;
    private bool _nemesisStarts = true;

    /// <summary>
    /// The partition nemesis (jepsen nemesis/combined.clj): a start picks one of the four
    /// specs uniformly and appends its grudge to the partitions; a stop heals everything.
    /// Both are <c>:info</c> ops of process <c>:nemesis</c>; the completion carries
    /// <c>[:isolated grudge]</c> or <c>:network-healed</c>.
    /// </summary>
    private void InvokeNemesis(bool start)
    {
        MarkBusy(NemesisThread);
        _nemesisBusy = true;
        _nemesisStarts = !start;
        var spec = start
            ? Grudge.Specs[_nemesisRng.NextInt(Grudge.Specs.Count)] : (PartitionSpec?)null;
        var f = Kw(start ? "start-partition" : "stop-partition");
        var invoke = Record(new Op(0, RelNs, OpType.Info, OpProcess.Nemesis.Value, f,
            spec is { } s ? Kw(Grudge.Name(s)) : Edn.Nil.Value));
        LogOp("jepsen worker nemesis", invoke);
        _clock.Post(() =>
        {
            Edn value;
            if (spec is { } sp)
            {
                var grudge = Grudge.Of(sp, _o.Nodes, _nemesisRng);
                _net.Drop(grudge);
                _partition = Grudge.Name(sp);
                value = new Edn.Vector([Kw("isolated"), GrudgeEdn(grudge)]);
            }
            else
            {
                _net.Heal();
                _partition = "none";
                value = Kw("network-healed");
            }
            var completion = Record(invoke with { Time = RelNs, Value = value });
            LogOp("jepsen worker nemesis", completion);
            _nemesisBusy = false;
            Pump();
        });
    }

    private static Edn GrudgeEdn(SortedGrudge grudge) =>
        new Edn.Map([.. grudge.Entries.Select(kv => new KeyValuePair<Edn, Edn>(
            new Edn.Str(kv.Key), new Edn.Set([.. kv.Value.Select(n => (Edn)new Edn.Str(n))])))]);
}
