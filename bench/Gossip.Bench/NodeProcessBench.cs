using System.Diagnostics;

namespace FunctionalGossip.Bench;

/// <summary>Measures the published binary as Maelstrom would see it: a process on pipes.</summary>
internal static class NodeProcessBench
{
    private const string Init =
        """{"id":0,"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_"""
        + """ids":["n0","n1","n2","n3","n4"],"msg_id":1}}""";

    public static int Startup(string[] args)
    {
        var bin = Option(args, "--bin", "bin/gossip");
        var runs = int.Parse(Option(args, "--runs", "50"));
        var times = new List<double>();
        for (var i = 0; i < runs + 3; i++)
        {
            var sw = Stopwatch.StartNew();
            using var p = Start(bin);
            p.StandardInput.WriteLine(Init);
            var reply = p.StandardOutput.ReadLine();
            var ms = sw.Elapsed.TotalMilliseconds;
            if (reply is null || !reply.Contains("init_ok"))
                throw new InvalidOperationException($"no init_ok: {reply}");
            p.StandardInput.Close();
            p.WaitForExit();
            if (i >= 3) times.Add(ms); // the first runs warm the page cache
        }
        times.Sort();
        Console.WriteLine($"startup to init_ok over {runs} runs of {bin}: min {times[0]:F1} ms, "
            + $"median {times[runs / 2]:F1} ms, p95 {times[(int)(runs * 0.95)]:F1} ms, "
            + $"max {times[^1]:F1} ms");
        return 0;
    }

    /// <summary>Input-to-output time of one node over pipes, one message in flight at a time:
    /// a peer's <c>gossip</c> written to stdin until its <c>gossip_ok</c> is read from stdout.
    /// No queueing, so this is the node's service time plus both pipes: the per-input cost the
    /// simulator's timing model draws from.</summary>
    public static int InputCost(string[] args)
    {
        var bin = Option(args, "--bin", "bin/gossip");
        var count = int.Parse(Option(args, "--count", "3000"));
        using var p = Start(bin);
        p.StandardInput.WriteLine(Init);
        p.StandardOutput.ReadLine();
        var micros = new List<double>();
        for (var i = 0; i < count + 200; i++)
        {
            var line = $$$"""{"src":"n1","dest":"n0","body":{"type":"gossip","values":"""
                + $$$"""[{{{i % 20}}}],"msg_id":{{{i + 1}}}}}""";
            var sw = Stopwatch.StartNew();
            p.StandardInput.WriteLine(line);
            var reply = p.StandardOutput.ReadLine();
            while (reply is not null && !reply.Contains("gossip_ok")) // a tick's batch
                reply = p.StandardOutput.ReadLine();
            if (reply is null || !reply.Contains("gossip_ok"))
                throw new InvalidOperationException($"no gossip_ok: {reply}");
            if (i >= 200) micros.Add(sw.Elapsed.TotalMicroseconds); // warm-up skipped
        }
        p.StandardInput.Close();
        p.WaitForExit();
        micros.Sort();
        double Q(double q) => micros[Math.Min(micros.Count - 1, (int)(micros.Count * q))];
        Console.WriteLine($"gossip in to gossip_ok out over {count} messages of {bin}, µs: "
            + string.Join(", ", new[] { 0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 }
                .Select(q => $"p{q * 100:0.#} {Q(q):F0}")));
        return 0;
    }

    /// <summary>What a large read costs the node: a single node (no peers) is given
    /// <c>--values</c> values by broadcast, then asked <c>--reads</c> reads one at a time. Per
    /// read: the time from writing <c>read</c> to reading its whole <c>read_ok</c> line (the
    /// node's service time plus both pipes) and, over all reads, the node's CPU time from
    /// <c>/proc/&lt;pid&gt;/stat</c>. The journal (stderr) is drained as the harness does.
    /// </summary>
    public static int ReadCost(string[] args)
    {
        var bin = Option(args, "--bin", "bin/gossip");
        var values = int.Parse(Option(args, "--values", "30000"));
        var reads = int.Parse(Option(args, "--reads", "300"));
        using var p = Start(bin);
        p.StandardInput.WriteLine(
            """{"id":0,"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_"""
            + """ids":["n0"],"msg_id":1}}""");
        p.StandardOutput.ReadLine();
        for (var v = 0; v < values; v++)
        {
            p.StandardInput.WriteLine($$$"""{"src":"c1","dest":"n0","body":"""
                + $$$"""{"type":"broadcast","message":{{{v}}},"msg_id":{{{v + 2}}}}}""");
            if (!(p.StandardOutput.ReadLine() ?? "").Contains("broadcast_ok"))
                throw new InvalidOperationException("no broadcast_ok");
        }
        var micros = new List<double>();
        var length = 0;
        var cpuBefore = CpuTicks(p.Id);
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < reads; i++)
        {
            var sw = Stopwatch.StartNew();
            p.StandardInput.WriteLine($$$"""{"src":"c2","dest":"n0","body":"""
                + $$$"""{"type":"read","msg_id":{{{i + 1}}}}}""");
            var reply = p.StandardOutput.ReadLine() ?? "";
            if (!reply.Contains("read_ok")) throw new InvalidOperationException("no read_ok");
            micros.Add(sw.Elapsed.TotalMicroseconds);
            length = reply.Length;
        }
        var elapsed = wall.Elapsed.TotalMilliseconds;
        var cpuMs = (CpuTicks(p.Id) - cpuBefore) * 10.0;
        p.StandardInput.Close();
        p.WaitForExit();
        micros.Sort();
        double Q(double q) => micros[Math.Min(micros.Count - 1, (int)(micros.Count * q))];
        Console.WriteLine($"{bin}: {reads} reads of {values} values ({length} chars): round "
            + $"trip µs p10 {Q(0.1):F0}, median {Q(0.5):F0}, p90 {Q(0.9):F0}, max {Q(1):F0}; "
            + $"node CPU {cpuMs / reads:F2} ms per read ({cpuMs:F0} ms over {elapsed:F0} ms)");
        return 0;
    }

    /// <summary>utime + stime of a process, in clock ticks (100 a second on Linux).</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(f[11]) + long.Parse(f[12]);
    }

    public static int IdleRss(string[] args)
    {
        var bin = Option(args, "--bin", "bin/gossip");
        using var p = Start(bin);
        p.StandardInput.WriteLine(Init);
        p.StandardOutput.ReadLine();
        var drain = Task.Run(() => { while (p.StandardOutput.ReadLine() is not null) { } });
        for (var v = 0; v < 1000; v++)
            p.StandardInput.WriteLine($$$"""{"src":"c1","dest":"n0","body":"""
                + $$$"""{"type":"broadcast","message":{{{v}}},"msg_id":{{{v + 2}}}}}""");
        Thread.Sleep(2000);
        var status = File.ReadAllLines($"/proc/{p.Id}/status");
        string Field(string name) => status.First(l => l.StartsWith(name)).Split(':')[1].Trim();
        Console.WriteLine($"{bin} after init + 1000 broadcasts, idle 2 s: VmRSS {Field("VmRSS")}, "
            + $"VmHWM (peak) {Field("VmHWM")}");
        p.StandardInput.Close();
        p.WaitForExit();
        return 0;
    }

    private static Process Start(string bin)
    {
        var psi = new ProcessStartInfo(bin)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var p = Process.Start(psi)!;
        p.StandardInput.AutoFlush = true;
        p.ErrorDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        return p;
    }

    internal static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
