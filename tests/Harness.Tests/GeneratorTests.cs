using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Tests;

/// <summary>The generator and nemesis as pure functions of the run state.</summary>
public class GeneratorTests
{
    /// <summary>Drives the generator alone through a whole run: ops complete at once, wake-ups
    /// and sleeps jump the clock. At every step, asking twice from the same state gives the
    /// same answer (the state's streams are not consumed by asking), and the run ends with
    /// the final reads of every worker after the time limit and the recovery sleep.</summary>
    [Theory]
    [InlineData(1UL)]
    [InlineData(7UL)]
    public void Advance_AnswersTheSameStateAlike_AndEndsWithFinalReads(ulong seed)
    {
        var o = RunOptions.For(5) with
        {
            TimeLimitS = 3, Rate = 20, Partitions = true, NemesisIntervalS = 1, RecoveryS = 1,
            Seed = seed,
        };
        var s = Generator.Apply(
            RunState.Initial(o.Concurrency, new Prng(seed), new Prng(seed + 1)),
            new Happened.SetupDone());
        var (now, finals, nemeses, finished) = (0L, 0, 0, false);
        var sleeps = new PriorityQueue<int?, long>();
        for (var steps = 0; steps < 100_000 && !finished; steps++)
        {
            var first = Generator.Advance(o, s, now);
            var second = Generator.Advance(o, s, now);
            Assert.Equal(first.Do.ToArray(), second.Do.ToArray());
            Assert.Equal(first.Again, second.Again);
            s = first.State;
            foreach (var d in first.Do)
            {
                switch (d)
                {
                    case Directive.Invoke i:
                        finals += i.Final ? 1 : 0;
                        s = Generator.Apply(s, new Happened.Completed(i.Worker, Info: false));
                        break;
                    case Directive.InvokeNemesis n:
                        nemeses++;
                        s = Generator.Apply(Nemesis.Complete(s, n.Spec, o.Nodes).State,
                            new Happened.NemesisCompleted());
                        break;
                    case Directive.Sleep sl: sleeps.Enqueue(sl.Worker, sl.UntilNs); break;
                    case Directive.WakeAt w: sleeps.Enqueue(-1, w.AtNs); break;
                    case Directive.Finish: finished = true; break;
                }
            }
            if (first.Again || finished) continue;
            Assert.True(sleeps.TryDequeue(out var who, out var at), $"{s} at {now}");
            now = Math.Max(now, at);
            s = Generator.Apply(s, who == -1 ? new Happened.WokeAt(at) : new Happened.Woke(who));
        }
        Assert.True(finished);
        Assert.Equal(o.Concurrency, finals);
        Assert.InRange(nemeses, 2, 20);
        // Heal comes with the first op due past the limit, at most one stagger gap (2 / rate)
        // after the last; the final reads follow the recovery sleep.
        Assert.InRange(now, (long)((o.TimeLimitS + o.RecoveryS - 2 / o.Rate) * 1e9),
            (long)((o.TimeLimitS + o.RecoveryS) * 1e9));
    }
}
