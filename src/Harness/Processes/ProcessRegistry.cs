using System.Runtime.InteropServices;

namespace FunctionalGossip.Harness.Processes;

/// <summary>
/// Every live node process, so that none survives the harness: they are killed on normal exit,
/// on Ctrl-C (SIGINT), on SIGTERM, and on an unhandled exception. (If the harness itself is
/// SIGKILLed, each node's stdin closes and a well-behaved node exits on EOF.)
/// </summary>
internal static class ProcessRegistry
{
    private static readonly object Gate = new();
    private static readonly List<NodeProcess> Live = new();
    private static readonly List<PosixSignalRegistration> Signals = new();
    private static bool _hooked;

    /// <summary>Set when the user interrupted the run (Ctrl-C or SIGTERM).</summary>
    public static CancellationTokenSource Interrupted { get; } = new();

    public static void Add(NodeProcess node)
    {
        lock (Gate)
        {
            Live.Add(node);
            if (_hooked) return;
            _hooked = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
            Signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            Signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        }
    }

    public static void Remove(NodeProcess node)
    {
        lock (Gate) Live.Remove(node);
    }

    public static void KillAll()
    {
        NodeProcess[] nodes;
        lock (Gate) nodes = Live.ToArray();
        foreach (var n in nodes) n.Kill();
    }

    private static void OnSignal(PosixSignalContext ctx)
    {
        // Let the run loop stop in order (it writes what it has); the nodes die now.
        ctx.Cancel = true;
        Interrupted.Cancel();
        KillAll();
    }
}
