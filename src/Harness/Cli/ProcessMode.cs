using FunctionalGossip.Harness.Processes;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Cli;

/// <summary>
/// <c>gossip test</c> without <c>--sim</c>: one real process per node, on the wall clock,
/// through the same engine. Node processes are killed at the end, on Ctrl-C/SIGTERM and on any
/// failure. On a terminal a live progress bar is drawn on stderr (<see cref="Terminal"/>).
/// </summary>
internal sealed class ProcessMode : Mode
{
    private readonly string _bin;
    private readonly IReadOnlyList<string> _prefix;
    private readonly TextWriter _stderr;
    private IReadOnlyList<long>? _overhead;
    private NodeCost? _cost;
    private NodeRss? _rss;
    private bool _raised;
    private LoopLoad? _loop;

    private ProcessMode(string bin, IReadOnlyList<string> prefix, TextWriter stderr) =>
        (_bin, _prefix, _stderr) = (bin, prefix, stderr);

    /// <summary>Checks <c>--bin</c> (default: this gossip binary); null after printing why it
    /// cannot be run.</summary>
    public static ProcessMode? Prepare(TestArgs.Run run, TextWriter stderr)
    {
        var (bin, prefix) = run.BinGiven ? (run.Options.Bin, []) : Self();
        if (!File.Exists(bin))
        {
            stderr.WriteLine($"gossip test: --bin {bin}: no such file (see gossip test --help)");
            return null;
        }
        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(bin) & UnixFileMode.UserExecute) == 0)
        {
            stderr.WriteLine($"gossip test: --bin {bin}: not executable (chmod +x it)");
            return null;
        }
        return new ProcessMode(bin, prefix, stderr);
    }

    public override IReadOnlyList<long>? OverheadNs => _overhead;

    public override NodeCost? NodeCost => _cost;

    public override NodeRss? NodeRss => _rss;

    public override bool ReportsClients => true;

    public override LoopLoad? Loop => _loop;

    public override string? HarnessNote => _raised ? null : "loop priority not raised (not root)";

    public override string Describe(RunResult result) =>
        $"{result.Options.Nodes.Count} processes of {result.Options.Bin}";

    public override RunResult Run(RunOptions options)
    {
        var clock = new RealTimeScheduler(ProcessRegistry.Interrupted.Token);
        var args = _prefix.Concat(options.NodeArgs).ToList();
        using var transport = new ProcessTransport(clock, _bin, args);
        RunResult Run(Action<RunProgress>? progress) =>
            RunEngine.Run(options with { Bin = _bin }, transport, clock, progress);
        try
        {
            var result = Terminal.Is(_stderr) ? Terminal.WithProgress(_stderr, Run) : Run(null);
            _overhead = transport.OverheadNs;
            _cost = transport.NodeCost;
            _rss = transport.NodeRss;
            _raised = clock.RaisedPriority;
            _loop = clock.Load;
            return result;
        }
        finally
        {
            transport.Stop();
        }
    }

    /// <summary>The gossip node binary: <c>gossip</c> beside <c>gossip-tools</c> (which runs
    /// the subcommands), or <c>dotnet gossip.dll</c> when running under the dotnet
    /// host.</summary>
    private static (string, IReadOnlyList<string>) Self()
    {
        var path = Environment.ProcessPath ?? "gossip";
        var name = Path.GetFileNameWithoutExtension(path);
        if (name == "gossip-tools")
            return (Path.Combine(Path.GetDirectoryName(path)!, "gossip"), []);
        if (name != "dotnet") return (path, []);
        var dll = Path.Combine(AppContext.BaseDirectory, "gossip.dll");
        return (path, [dll]);
    }
}
