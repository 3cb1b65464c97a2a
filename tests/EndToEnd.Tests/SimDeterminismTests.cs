namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>
/// Same seed, same bytes, across processes: the simulator must not depend on anything that
/// changes per process (HashSet/HashMap iteration order, string hash randomisation, the
/// wall clock). Running it twice in one process would not catch those, so this runs the
/// published binary twice and compares every file of the two stores.
/// </summary>
[Collection(BinaryCollection.Name)]
public sealed class SimDeterminismTests(GossipBinary binary)
{
    private static readonly string[] Args =
    {
        "--sim", "--node-count", "7", "--time-limit", "8", "--rate", "40", "--latency", "40",
        "--latency-dist", "exponential", "--nemesis", "partition", "--nemesis-interval", "2",
        "--log-net-send", "--log-net-recv",
    };

    [Fact]
    public void SameSeed_InTwoProcesses_GivesByteIdenticalStores()
    {
        var a = GossipTestRun.Start(binary.Path, [.. Args, "--seed", "41"]);
        var b = GossipTestRun.Start(binary.Path, [.. Args, "--seed", "41"]);
        Assert.True(a.ExitCode == 0, a.Why);
        Assert.True(b.ExitCode == 0, b.Why);
        var files = StoreFiles(a.RunDir);
        Assert.Equal(files, StoreFiles(b.RunDir));
        Assert.Contains("node-logs/n6.log", files);
        Assert.Contains("jepsen.log", files);
        foreach (var f in files)
            Assert.True(
                File.ReadAllBytes(a.File(f)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(f))),
                $"{f} differs between two processes with the same seed");
        var c = GossipTestRun.Start(binary.Path, [.. Args, "--seed", "42"]);
        Assert.NotEqual(File.ReadAllBytes(a.File("history.edn")),
            File.ReadAllBytes(c.File("history.edn")));
    }

    /// <summary>Every file below a run folder, relative, in ordinal order.</summary>
    private static List<string> StoreFiles(string runDir)
    {
        var root = new DirectoryInfo(runDir).ResolveLinkTarget(true)?.FullName ?? runDir;
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
    }
}
