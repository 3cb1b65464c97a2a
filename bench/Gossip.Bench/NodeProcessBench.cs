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
