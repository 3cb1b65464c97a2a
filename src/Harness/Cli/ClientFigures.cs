using System.Globalization;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Cli;

using FunctionalGossip.Edn;

/// <summary>Quantiles of one kind of client op's latency, invoke to completion, in ms.</summary>
/// <param name="Count">How many ops completed.</param>
/// <param name="MedianMs">The median (Jepsen's index rule,
/// <see cref="LatencyQuantiles.Index"/>).</param>
/// <param name="P99Ms">The 99th percentile.</param>
/// <param name="MaxMs">The largest.</param>
public sealed record OpLatency(int Count, double MedianMs, double P99Ms, double MaxMs)
{
    /// <summary>The quantiles of <paramref name="ns"/>, or null when empty.</summary>
    public static OpLatency? Of(IEnumerable<long> ns)
    {
        var sorted = ns.Order().ToArray();
        if (sorted.Length == 0) return null;
        double Ms(double p) => sorted[LatencyQuantiles.Index(sorted.Length, p)] / 1e6;
        return new OpLatency(sorted.Length, Ms(0.5), Ms(0.99), Ms(1));
    }
}

/// <summary>
/// What the clients saw in the main phase (the final reads left out): how many ops the
/// generator was asked for (<c>--rate</c> × <c>--time-limit</c>; it invokes one only while a
/// client thread is free, so a slow cluster or a slow harness gets fewer), how many were
/// invoked and completed (<c>:ok</c> or <c>:fail</c>), how many timed out (Maelstrom's
/// <c>:net-timeout</c>, after 5 s), and the latency of reads and broadcasts at the client.
/// A read returns every value the node holds, so its latency grows with the run.
/// </summary>
/// <param name="Requested">Rate × time limit, rounded.</param>
/// <param name="Invoked">Client ops invoked.</param>
/// <param name="Completed">Client ops that ended <c>:ok</c> or <c>:fail</c>.</param>
/// <param name="TimedOut">Client ops that ended with <c>:net-timeout</c>.</param>
/// <param name="Reads">Latency of the reads that ended <c>:ok</c>, or null.</param>
/// <param name="Broadcasts">Latency of the broadcasts that ended <c>:ok</c>, or null.</param>
public sealed record ClientFigures(long Requested, int Invoked, int Completed, int TimedOut,
    OpLatency? Reads, OpLatency? Broadcasts)
{
    /// <summary>Completed as a share of requested (0 when nothing was requested).</summary>
    public double CompletedShare => Requested == 0 ? 0 : Completed / (double)Requested;

    /// <summary>The figures of a run's <paramref name="history"/> under
    /// <paramref name="options"/>.</summary>
    public static ClientFigures Of(IReadOnlyList<Op> history, RunOptions options)
    {
        var open = new Dictionary<long, Op>();
        var latencies = new Dictionary<string, List<long>> { ["read"] = [], ["broadcast"] = [] };
        int invoked = 0, completed = 0, timedOut = 0;
        foreach (var op in history)
        {
            if (op.Final || op.ClientNumber is not long process) continue;
            if (op.Type == OpType.Invoke)
            {
                invoked++;
                open[process] = op;
                continue;
            }
            if (op.Type is OpType.Ok or OpType.Fail) completed++;
            if (op.Error is { } e && e.IsKeyword("net-timeout")) timedOut++;
            if (!open.Remove(process, out var invoke) || op.Type != OpType.Ok) continue;
            if (op.F is Edn.Keyword { Name: var f } && latencies.TryGetValue(f, out var list))
                list.Add(op.Time - invoke.Time);
        }
        var requested = (long)Math.Round(options.Rate * options.TimeLimitS);
        return new ClientFigures(requested, invoked, completed, timedOut,
            OpLatency.Of(latencies["read"]), OpLatency.Of(latencies["broadcast"]));
    }

    /// <summary>The summary's <c>clients</c> row.</summary>
    public string Text() =>
        $"{Completed} of {Requested} requested ops completed ({Pct(CompletedShare)}), "
        + $"{Invoked} invoked, {TimedOut} timed out; read latency {LatencyText(Reads)}; "
        + $"broadcast latency {LatencyText(Broadcasts)}";

    /// <summary>The <c>:clients</c> map of results.edn (and results.json).</summary>
    public Edn.Map ToEdn() => Edn.KwMap(
        ("requested", Edn.Of(Requested)),
        ("invoked", Edn.Of(Invoked)),
        ("completed", Edn.Of(Completed)),
        ("completed-share", new Edn.Float(Math.Round(CompletedShare, 4))),
        ("timed-out", Edn.Of(TimedOut)),
        ("read-latency-ms", LatencyEdn(Reads)),
        ("broadcast-latency-ms", LatencyEdn(Broadcasts)));

    private static Edn LatencyEdn(OpLatency? l) => l is null ? Edn.Nil.Value : Edn.KwMap(
        ("count", Edn.Of(l.Count)),
        ("median", Ms(l.MedianMs)),
        ("p99", Ms(l.P99Ms)),
        ("max", Ms(l.MaxMs)));

    private static Edn Ms(double ms) => new Edn.Float(Math.Round(ms, 3));

    private static string LatencyText(OpLatency? l) => l is null ? "none"
        : string.Create(CultureInfo.InvariantCulture,
            $"median {l.MedianMs:0.0} ms, p99 {l.P99Ms:0.0} ms, max {l.MaxMs:0.0} ms");

    private static string Pct(double share) =>
        (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
