using System.Globalization;

namespace FunctionalGossip.Harness.Processes;

using FunctionalGossip.Edn;

/// <summary>
/// How the harness's loop thread spent a process-mode run, as shares of its wall time: inside
/// actions (busy), on a CPU, and runnable but waiting for a CPU (the kernel's run-queue wait).
/// A loop busy most of the time is the run's bottleneck; one that waits long for a CPU is
/// starved by the rest of the machine (the nodes, and anything else running).
/// </summary>
/// <param name="Busy">Share of the run spent inside actions.</param>
/// <param name="OnCpu">Share on a CPU, or null where schedstat cannot be read.</param>
/// <param name="Waiting">Share runnable but waiting for a CPU, or null.</param>
public sealed record LoopLoad(double Busy, double? OnCpu, double? Waiting)
{
    /// <summary>The shares from <paramref name="busyNs"/> of <paramref name="runNs"/> and two
    /// schedstat readings of the loop thread (start, end); null when the run took no
    /// time.</summary>
    public static LoopLoad? Of(long busyNs, long runNs, (long OnCpuNs, long WaitingNs)? start,
        (long OnCpuNs, long WaitingNs)? end)
    {
        if (runNs <= 0) return null;
        double Share(long ns) => ns / (double)runNs;
        return start is var (c0, w0) && end is var (c1, w1)
            ? new LoopLoad(Share(busyNs), Share(c1 - c0), Share(w1 - w0))
            : new LoopLoad(Share(busyNs), null, null);
    }

    /// <summary>E.g. <c>; loop busy 62% of the run (on a CPU 40%, waiting for one 21%)</c>.
    /// </summary>
    public string Text() => $"; loop busy {Pct(Busy)} of the run"
        + (OnCpu is double c && Waiting is double w
            ? $" (on a CPU {Pct(c)}, waiting for one {Pct(w)})" : "");

    /// <summary>The entries added to results' <c>:harness</c> map.</summary>
    public IEnumerable<KeyValuePair<Edn, Edn>> EdnEntries()
    {
        yield return new(Edn.Kw("loop-busy-share"), Round(Busy));
        if (OnCpu is double c) yield return new(Edn.Kw("loop-on-cpu-share"), Round(c));
        if (Waiting is double w) yield return new(Edn.Kw("loop-cpu-wait-share"), Round(w));
    }

    private static Edn Round(double share) => new Edn.Float(Math.Round(share, 4));

    private static string Pct(double share) =>
        (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
