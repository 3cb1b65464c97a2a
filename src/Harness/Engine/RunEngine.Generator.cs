using FunctionalGossip.Check.Edn;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    /// <summary>Tells the generator what happened, then carries out what it asks next: the
    /// one way back into the generator, whether from a reply, a timeout or the clock.</summary>
    private void Resume(Happened happened)
    {
        _state = Generator.Apply(_state, happened);
        Pump();
    }

    /// <summary>Asks the generator for steps and carries out what each asks, until it must
    /// wait for a thread or for time.</summary>
    private void Pump()
    {
        while (!_state.Done)
        {
            var (state, directives, again) = Generator.Advance(_o, _state, _clock.NowNs);
            _state = state;
            foreach (var directive in directives) Carry(directive);
            if (!again) return;
        }
    }

    private void Carry(Directive directive)
    {
        switch (directive)
        {
            case Directive.Invoke i:
                InvokeClientOp(i);
                break;
            case Directive.InvokeNemesis n:
                InvokeNemesis(n.Spec);
                break;
            case Directive.LogRecovery r:
                _log.Info(_clock.NowNs, r.Thread, "jepsen.generator.interpreter",
                    "Waiting for recovery...");
                break;
            case Directive.Sleep s:
                _clock.At(s.UntilNs, () => Resume(new Happened.Woke(s.Worker)));
                break;
            case Directive.WakeAt w:
                _clock.At(w.AtNs, () => Resume(new Happened.WokeAt(w.AtNs)));
                break;
            case Directive.Finish:
                CloseClients(); // the generator's state is already Done
                break;
        }
    }

    /// <summary>Records and logs a nemesis op; it completes in the next loop action, where the
    /// network takes its grudge (or heals).</summary>
    private void InvokeNemesis(PartitionSpec? spec)
    {
        var f = Kw(spec is null ? "stop-partition" : "start-partition");
        var invoke = Record(new Op(0, RelNs, OpType.Info, OpProcess.Nemesis.Value, f,
            spec is { } s ? Kw(Grudge.Name(s)) : Edn.Nil.Value));
        LogOp("jepsen worker nemesis", invoke);
        _clock.Post(() => CompleteNemesis(invoke, spec));
    }

    /// <summary>The nemesis op completes: the state takes it (<see cref="Nemesis.Complete"/>
    /// draws the grudge), the network is cut or healed, the completion is recorded, and the
    /// generator, whose nemesis thread is free again, is asked for more.</summary>
    private void CompleteNemesis(Op invoke, PartitionSpec? spec)
    {
        (_state, var grudge) = Nemesis.Complete(_state, spec, _o.Nodes);
        Edn value;
        if (grudge is not null)
        {
            _net.Drop(grudge);
            value = new Edn.Vector([Kw("isolated"), GrudgeEdn(grudge)]);
        }
        else
        {
            _net.Heal();
            value = Kw("network-healed");
        }
        var completion = Record(invoke with { Time = RelNs, Value = value });
        LogOp("jepsen worker nemesis", completion);
        Pump();
    }

    private static Edn GrudgeEdn(SortedGrudge grudge) =>
        new Edn.Map([.. grudge.Entries.Select(kv => new KeyValuePair<Edn, Edn>(
            new Edn.Str(kv.Key), new Edn.Set([.. kv.Value.Select(n => (Edn)new Edn.Str(n))])))]);
}
