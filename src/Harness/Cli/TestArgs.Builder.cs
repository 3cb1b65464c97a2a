using System.Globalization;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Cli;


/// <summary>Accumulates parsed flags (mutable while parsing only).</summary>
internal sealed class Builder
{
    private bool _sim;
    private int? _nodeCount;
    private long _timeLimit = 60;
    private double _rate = 5;
    private long _latency;
    private LatencyDist _dist = LatencyDist.Constant;
    private bool _partition;
    private double _interval = 10;
    private TopologyKind _topology = TopologyKind.Grid;
    private string _concurrency = "1n";
    private double _recovery = 10;
    private ulong? _seed;
    private string _store = "store";
    private bool _json;
    private bool _timings;
    private bool _logSend;
    private bool _logRecv;
    private string? _bin;
    private SimTimingKind _simTiming = SimTimingKind.Measured;
    private readonly List<string> _nodeArgs = [];

    public string? NodeArg(string word)
    {
        if (!word.Contains('='))
            return $"unexpected argument '{word}' (node settings are key=value)";
        _nodeArgs.Add(word);
        return null;
    }

    public string? Flag(string flag, Func<string?> value)
    {
        switch (flag)
        {
            case "--sim": _sim = true; return null;
            case "--json": _json = true; return null;
            case "--timings": _timings = true; return null;
            case "--log-net-send": _logSend = true; return null;
            case "--log-net-recv": _logRecv = true; return null;
            case "--log-stderr": return null;
            case "-w" or "--workload":
                return Text(flag, value, v => v == "broadcast"
                    ? null : $"{flag} {v}: only the broadcast workload is supported");
            case "--bin": return Text(flag, value, v => { _bin = v; return null; });
            case "--store": return Text(flag, value, v => { _store = v; return null; });
            case "--node-count": return Long(flag, value, 1, 1000, v => _nodeCount = (int)v);
            case "--time-limit": return Long(flag, value, 1, 86_400, v => _timeLimit = v);
            case "--latency": return Long(flag, value, 0, 3_600_000, v => _latency = v);
            case "--rate": return Double(flag, value, 0, 100_000, false, v => _rate = v);
            case "--nemesis-interval":
                return Double(flag, value, 0, 86_400, true, v => _interval = v);
            case "--recovery-s": return Double(flag, value, 0, 86_400, false, v => _recovery = v);
            case "--seed":
                return Text(flag, value, v => ulong.TryParse(v, NumberStyles.None,
                    CultureInfo.InvariantCulture, out var s)
                    ? Set(() => _seed = s) : $"--seed {v}: must be a non-negative integer");
            default: return Choice(flag, value);
        }
    }

    private string? Choice(string flag, Func<string?> value) => flag switch
    {
        "--latency-dist" => Text(flag, value, v => Latency.ParseDist(v) is { } d
            ? Set(() => _dist = d)
            : $"--latency-dist {v}: must be constant, uniform or exponential"),
        "--nemesis" => Text(flag, value, v => v == "partition"
            ? Set(() => _partition = true) : $"--nemesis {v}: the only fault is partition"),
        "--topology" => Text(flag, value, v => Topology.Parse(v) is { } t
            ? Set(() => _topology = t)
            : $"--topology {v}: must be one of grid, line, tree, tree2, tree3, tree4, total"),
        "--sim-timing" => Text(flag, value, v => SimTiming.Parse(v) is { } k
            ? Set(() => _simTiming = k)
            : $"--sim-timing {v}: must be measured or ideal"),
        "--concurrency" => Text(flag, value, v => ConcurrencyOk(v)
            ? Set(() => _concurrency = v)
            : $"--concurrency {v}: must be an integer, optionally followed by n"),
        _ => $"unknown option '{flag}'",
    };

    private static bool ConcurrencyOk(string v)
    {
        var digits = v.EndsWith('n') ? v[..^1] : v;
        return digits.Length is > 0 and < 7 && digits.All(char.IsAsciiDigit);
    }

    private static string? Set(Action set)
    {
        set();
        return null;
    }

    private static string? Text(string flag, Func<string?> value, Func<string, string?> use) =>
        value() is { } v ? use(v) : $"{flag} needs a value";

    private static string? Long(string flag, Func<string?> value, long min, long max,
        Action<long> set) =>
        Text(flag, value, v => long.TryParse(v, NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? Set(() => set(n)) : $"{flag} {v}: must be an integer from {min} to {max}");

    private static string? Double(string flag, Func<string?> value, double min, double max,
        bool positive, Action<double> set) =>
        Text(flag, value, v => double.TryParse(v, NumberStyles.Float,
            CultureInfo.InvariantCulture, out var d) && d >= min && d <= max && (!positive || d > 0)
            ? Set(() => set(d))
            : $"{flag} {v}: must be a number {(positive ? "above" : "from")} {min} "
                + $"{(positive ? "and at most" : "to")} {max}");

    public TestArgs Build()
    {
        if (_latency == 0 && _dist != LatencyDist.Constant)
            return new TestArgs.Bad($"--latency-dist {Latency.Name(_dist)} needs --latency above 0 "
                + "(Maelstrom divides by zero or loops forever)");
        var nodes = _nodeCount is { } n ? RunOptions.NodeIds(n) : TestArgs.DefaultNodes;
        var digits = _concurrency.TrimEnd('n');
        var concurrency = int.Parse(digits, CultureInfo.InvariantCulture)
            * (_concurrency.EndsWith('n') ? nodes.Count : 1);
        if (concurrency < 1) return new TestArgs.Bad("--concurrency must give at least one worker");
        var options = new RunOptions(nodes, _timeLimit, _rate, new Latency(_latency, _dist),
            _partition, _interval, _topology, concurrency, _recovery,
            _seed ?? (ulong)Random.Shared.NextInt64(0, 1_000_000_000), _logSend, _logRecv,
            _bin ?? "gossip", _nodeArgs, _simTiming);
        return new TestArgs.Run(options, _store, _json, _seed is not null, _timings, _sim,
            _bin is not null);
    }
}
