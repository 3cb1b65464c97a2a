using System.Diagnostics;

namespace FunctionalGossip.Harness.Processes;

/// <summary>
/// Reads every node process's <c>VmRSS</c> once per interval on a thread of its own (not the
/// engine's loop), from the start of the run until <see cref="Stop"/>. A node whose
/// <c>/proc</c> entry cannot be read at some moment simply has no sample then. Reading 25
/// status files a second costs about a millisecond of CPU.
/// </summary>
internal sealed class RssSampler
{
    private readonly IReadOnlyList<(string Node, Func<int?> Pid)> _nodes;
    private readonly List<RssSample>[] _samples;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <summary>Starts sampling the nodes, each given by name and a way to get its live pid
    /// (null once it has exited).</summary>
    public RssSampler(IReadOnlyList<(string Node, Func<int?> Pid)> nodes, TimeSpan interval)
    {
        _nodes = nodes;
        _samples = [.. nodes.Select(_ => new List<RssSample>())];
        _interval = interval;
        _thread = new Thread(Loop) { IsBackground = true, Name = "rss sampler" };
        _thread.Start();
    }

    /// <summary>Stops sampling (after one last round) and returns what was read.</summary>
    public NodeRss Stop()
    {
        _stop.Set();
        _thread.Join();
        return new NodeRss([.. _nodes.Select((n, i) =>
                new KeyValuePair<string, IReadOnlyList<RssSample>>(n.Node, _samples[i]))],
            _interval.TotalSeconds);
    }

    private void Loop()
    {
        while (true)
        {
            SampleAll();
            if (_stop.Wait(_interval)) break;
        }
        SampleAll();
    }

    private void SampleAll()
    {
        var seconds = Math.Round(Stopwatch.GetElapsedTime(_origin).TotalSeconds, 3);
        for (var i = 0; i < _nodes.Count; i++)
            if (_nodes[i].Pid() is int pid && ProcFs.ReadRssKb(pid) is long kb)
                _samples[i].Add(new RssSample(seconds, kb));
    }
}
