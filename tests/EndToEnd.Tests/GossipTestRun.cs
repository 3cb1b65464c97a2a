using System.Diagnostics;
using System.Text.Json;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>One finished <c>gossip test</c> invocation: exit code, output, and its store.</summary>
public sealed record GossipTestRun(int ExitCode, string Stdout, string Stderr, string Store)
{
    /// <summary>Runs <c>gossip test ARGS --store (temp)</c> to completion. Every run is pinned
    /// to a seed (<c>--seed 1</c> unless the test names one), so the workload and the nemesis
    /// schedule are the same on every machine and a failure names a command that reproduces
    /// it.</summary>
    public static GossipTestRun Start(string gossip, params string[] args)
    {
        if (!args.Contains("--seed")) args = [.. args, "--seed", "1"];
        var store = Directory.CreateTempSubdirectory("gossip-store-").FullName;
        var psi = new ProcessStartInfo(gossip)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in new[] { "test" }.Concat(args).Concat(new[] { "--store", store }))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(true);
            throw new TimeoutException("gossip test hung");
        }
        return new GossipTestRun(p.ExitCode, stdout.Result, stderr.Result, store);
    }

    /// <summary>The run folder (store/broadcast/latest).</summary>
    public string RunDir => Path.Combine(Store, "broadcast", "latest");

    public string File(string name) => Path.Combine(RunDir, name);

    /// <summary>results.json, parsed.</summary>
    public JsonElement Results =>
        JsonDocument.Parse(System.IO.File.ReadAllText(File("results.json"))).RootElement;

    public double ServersMsgsPerOp => Results.GetProperty("net").GetProperty("servers")
        .GetProperty("msgs-per-op").GetDouble();

    public string Why => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
