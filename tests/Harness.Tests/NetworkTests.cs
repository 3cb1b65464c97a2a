using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Tests;

/// <summary>The network model against net.clj: deadline order, head-of-line delivery,
/// partition check at dequeue, zero latency for clients, journal and ids.</summary>
public sealed class NetworkTests
{
    private sealed class Rig
    {
        public VirtualScheduler Clock { get; } = new();
        public Network Net { get; }
        public List<(long AtMs, string To, long Id)> Delivered { get; } = [];

        public Rig(long latencyMs)
        {
            Net = new Network(Clock, new Latency(latencyMs, LatencyDist.Constant), new Prng(1),
                new RunLog(), false, false);
            foreach (var n in new[] { "n0", "n1" })
                Net.AddNode(n, m => Delivered.Add((Clock.NowNs / 1_000_000, n, m.Id)));
        }

        public void At(long ms, Action a) => Clock.At(ms * 1_000_000, a);
        public void Run() => Clock.Run(() => false);
    }

    [Fact]
    public void Delivery_IsAtTheDeadline_AndJournalsSendThenRecv()
    {
        var rig = new Rig(100);
        rig.At(0, () => Assert.Null(rig.Net.Send("n0", "n1", "{}", "t")));
        rig.Run();
        Assert.Equal([(100L, "n1", 0L)], rig.Delivered);
        Assert.Equal(2, rig.Net.Journal.Count);
        Assert.True(rig.Net.Journal[0].IsSend);
        Assert.False(rig.Net.Journal[1].IsSend);
    }

    [Fact]
    public void PartitionIsCheckedWhenTheMessageIsTaken_NotWhenSent()
    {
        var rig = new Rig(100);
        var grudge = new SortedGrudge([new("n1", ["n0"])]);
        // A (id 0) is taken at once and delivered at 100 even though the partition starts at
        // 50; B (id 1) waits behind A and is taken at 100, inside the partition: dropped.
        rig.At(0, () => rig.Net.Send("n0", "n1", "{}", "t"));
        rig.At(10, () => rig.Net.Send("n0", "n1", "{}", "t"));
        rig.At(50, () => rig.Net.Drop(grudge));
        // C (id 2) is sent during the partition but taken after the heal: delivered.
        rig.At(300, () => rig.Net.Send("n0", "n1", "{}", "t"));
        rig.At(300, () => { }); // keeps order explicit
        rig.At(200, () => rig.Net.Heal());
        rig.At(150, () => rig.Net.Send("n0", "n1", "{}", "t")); // id 2, taken at 150: dropped
        rig.Run();
        Assert.Equal([(100L, "n1", 0L), (400L, "n1", 3L)], rig.Delivered);
        Assert.Equal(2, rig.Net.Dropped);
    }

    [Fact]
    public void DelayedHead_BlocksALaterZeroLatencyClientMessage()
    {
        var rig = new Rig(100);
        rig.At(0, () =>
        {
            rig.Net.AddClient("c0", "w");
            rig.Net.Send("n0", "n1", "{}", "t");
        });
        rig.At(5, () => rig.Net.Send("c0", "n1", "{}", "t"));
        rig.Run();
        // The client's message (deadline 5) is only taken after the loop wakes at 100.
        Assert.Equal([(100L, "n1", 0L), (100L, "n1", 1L)], rig.Delivered);
    }

    [Fact]
    public void QueuedMessages_LeaveInDeadlineOrder()
    {
        var rig = new Rig(100);
        rig.At(0, () =>
        {
            rig.Net.AddClient("c0", "w");
            rig.Net.Send("n0", "n1", "{}", "t"); // taken now, delivered at 100
            rig.Net.Send("n0", "n1", "{}", "t"); // deadline 100
            rig.Net.Send("c0", "n1", "{}", "t"); // deadline 0: next after the head
        });
        rig.Run();
        Assert.Equal(new long[] { 0, 2, 1 }, rig.Delivered.Select(d => d.Id));
    }

    [Fact]
    public void UnknownEnds_AreRejected_AndUseUpAnId()
    {
        var rig = new Rig(0);
        string? error = null;
        rig.At(0, () =>
        {
            error = rig.Net.Send("n0", "c9", "{}", "t");
            rig.Net.Send("n0", "n1", "{}", "t");
        });
        rig.Run();
        Assert.StartsWith("Invalid dest for message", error);
        Assert.Equal(1, rig.Delivered.Single().Id);
        Assert.Equal(2, rig.Net.Journal.Count);
    }

    [Fact]
    public void Latency_Distributions_HaveTheirMeans()
    {
        var rng = new Prng(5);
        double Mean(LatencyDist d) =>
            Enumerable.Range(0, 20_000).Average(_ => new Latency(100, d).DrawMs(rng));
        Assert.Equal(100, Mean(LatencyDist.Constant));
        Assert.InRange(Mean(LatencyDist.Uniform), 98, 101);          // integers in [0, 200)
        Assert.InRange(Mean(LatencyDist.Exponential), 97, 101.5);    // truncated: mean ≈ 99.5
        Assert.All(Enumerable.Range(0, 1000), _ =>
            Assert.InRange(new Latency(100, LatencyDist.Uniform).DrawMs(rng), 0, 199));
    }
}
