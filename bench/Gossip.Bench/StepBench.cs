using System.Diagnostics;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Bench;

/// <summary>
/// Step throughput on a 25-node broadcast mix: the 3d workload shape (100 ops/s, half
/// broadcasts, half reads, spread over all nodes) with every node-to-node message and ack
/// delivered after 100 ms of virtual time, and gossip ticks every 100 ms. Counts every Step
/// (client requests, gossip, acks, ticks). A second figure includes the wire codec
/// (Encode + Event.FromLine per message), which the real node also pays.
/// </summary>
internal static class StepBench
{
    public static int Run(string[] args)
    {
        var repeats = int.Parse(NodeProcessBench.Option(args, "--repeat", "10"));
        foreach (var codec in new[] { false, true })
        {
            Simulate(codec, 30_000); // warm-up
            long steps = 0;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < repeats; i++) steps += Simulate(codec, 30_000);
            Console.WriteLine($"step{(codec ? "+codec" : "")}: {steps:N0} events in "
                + $"{sw.ElapsedMilliseconds} ms = {steps / sw.Elapsed.TotalSeconds:N0} events/s "
                + $"({repeats} x 30 s of a 25-node 3d workload)");
        }
        return 0;
    }

    private static long Simulate(bool codec, long virtualMs)
    {
        var ids = toSeq(Enumerable.Range(0, 25).Select(i => $"n{i}")).Strict();
        var nodes = ids.ToDictionary(id => id, _ => NodeState.Initial(NodeSettings.Default));
        var queue = new PriorityQueue<(string To, Event Ev), (long, long)>();
        long seq = 0, steps = 0, now = 0, value = 0, msgId = 0;
        void Push(long at, string to, Event ev) => queue.Enqueue((to, ev), (at, seq++));
        Event Wire(long at, Envelope m) =>
            codec ? Event.FromLine(at, Codec.Encode(m)) : new Event.Receive(at, m);
        foreach (var id in ids)
        {
            var init = new Envelope("c0", id, new Body.Init(Some(1L), id, ids));
            Push(0, id, new Event.Receive(0, init));
        }
        var rng = new Random(7);
        while (now < virtualMs)
        {
            now += 10; // one client op per 10 ms = 100 ops/s
            var target = ids[rng.Next(ids.Count)];
            var body = rng.Next(2) == 0
                ? (Body)new Body.Broadcast(Some(++msgId), value++)
                : new Body.Read(Some(++msgId));
            Push(now, target, Wire(now, new Envelope("c1", target, body)));
            while (queue.TryPeek(out _, out var key) && key.Item1 <= now)
            {
                var (to, ev) = queue.Dequeue();
                var t = Node.Step(nodes[to], ev);
                nodes[to] = t.State;
                steps++;
                foreach (var effect in t.Effects)
                {
                    if (effect is Effect.SetTimer st)
                        Push(st.AtMs, to, new Event.Tick(st.AtMs, st.Timer));
                    else if (effect is Effect.Send s && !s.Message.Dest.StartsWith('c'))
                        Push(ev.NowMs + 100, s.Message.Dest, Wire(ev.NowMs + 100, s.Message));
                    else if (effect is Effect.Send reply && codec) _ = Codec.Encode(reply.Message);
                }
            }
        }
        return steps;
    }
}
