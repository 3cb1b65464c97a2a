using FunctionalGossip.Core.Journal;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>
/// Core under Native AOT, on the paths a healthy run rarely takes. Some LanguageExt 4.4.9
/// members build their objects through reflection and fail only when compiled ahead of time
/// (<c>Range</c> did, in the fallback's choice of candidates); the node survives such a
/// defect (<c>Node.SafeStep</c> logs "internal error, input ignored" and keeps its state), so
/// only the journal shows it. These runs drive the published binary's own Core through the
/// fallback, probes, loops and heals of long partitions and read every journal.
/// </summary>
[Collection(BinaryCollection.Name)]
public sealed class AotCoreTests(GossipBinary binary)
{
    // Seed 411: a majorities-ring partition for the whole run cuts the hub off from 12 of the
    // 24 leaves, and two of them fall back through each other (a loop).
    [Theory]
    [InlineData("411", "profile=default")]
    [InlineData("411", "profile=latency")]
    [InlineData("7", "profile=default")]
    public void PartitionedRun_UnderAot_LogsNoInternalError(string seed, string profile)
    {
        var run = GossipTestRun.Start(binary.Path, "--sim", "--node-count", "25", "--time-limit",
            "4", "--rate", "100", "--latency", "100", "--nemesis", "partition", "--recovery-s",
            "4", "--seed", seed, profile);
        Assert.True(run.ExitCode == 0, run.Why);
        var logs = Directory.GetFiles(Path.Combine(run.RunDir, "node-logs"), "*.log");
        Assert.Equal(25, logs.Length);
        foreach (var log in logs)
        {
            var defect = File.ReadLines(log).FirstOrDefault(JournalFormat.IsDefect);
            Assert.True(defect is null, $"{Path.GetFileName(log)}: {defect}\n{run.Why}");
        }
    }
}
