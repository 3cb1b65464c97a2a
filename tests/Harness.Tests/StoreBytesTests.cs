using System.Text;
using FunctionalGossip.Harness.Store;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Tests;

/// <summary>Store files are encoded straight from the builder's chunks.</summary>
public sealed class StoreBytesTests
{
    [Fact]
    public void ASurrogatePairSplitAcrossChunks_IsEncodedWhole()
    {
        var sb = new StringBuilder(3).Append("ab\uD83D");
        sb.Append("\uDE00cd é ").Append('x', 5000);
        var chunks = 0;
        foreach (var _ in sb.GetChunks()) chunks++;
        Assert.True(chunks > 1);
        Assert.Equal(Encoding.UTF8.GetBytes(sb.ToString()), StoreWriter.Utf8Of(sb));
    }

    [Theory]
    [InlineData(-1L)] // no spill file
    [InlineData(0L)] // every chunk spilled, the last one too once settled
    [InlineData(300_000L)] // some chunks spilled
    public void AUtf8LineLog_GivesBackItsLines_AndTheFileBytes(long spillOver)
    {
        var log = new Utf8LineLog(spillOver < 0 ? null : new LogSpill(spillOver));
        var lines = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var text = i % 7 == 0 ? "é😀 " + new string('x', i * 13 % 5000) : $"line {i}";
            log.Add($"{i} send ", text);
            lines.Add($"{i} send {text}");
        }
        log.Add(new string('y', 300_000)); // longer than a chunk
        lines.Add(new string('y', 300_000));
        log.Add("");
        lines.Add("");
        log.Settle();
        log.Add("after settling");
        lines.Add("after settling");
        var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        Assert.Equal(lines, log);
        Assert.Equal(lines[2999], log[2999]);
        Assert.Equal(bytes, log.ToUtf8());
        using var written = new MemoryStream();
        log.WriteTo(written);
        Assert.Equal(bytes, written.ToArray());
        var marked = lines.Where(l => l.Contains("0 send ", StringComparison.Ordinal)).ToList();
        Assert.Equal((marked.Count, marked[0]), log.Containing("0 send "));
    }

    /// <summary>Node processes' logs share one spill file, each written by its own reader
    /// thread: written at once from many threads, with chunks going to the file all the
    /// while, every log still gives back exactly its own lines.</summary>
    [Fact]
    public void Utf8LineLogs_SharingASpill_AcrossThreads_EachGiveBackTheirOwnLines()
    {
        var spill = new LogSpill(200_000);
        var logs = Enumerable.Range(0, 8).Select(_ => new Utf8LineLog(spill)).ToArray();
        string Line(int log, int i) => $"n{log} line {i} " + new string((char)('a' + log),
            i * 31 % 3000);
        Parallel.For(0, logs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            for (var i = 0; i < 2000; i++) logs[n].Add(Line(n, i));
            logs[n].Settle();
        });
        for (var n = 0; n < logs.Length; n++)
            Assert.Equal(Enumerable.Range(0, 2000).Select(i => Line(n, i)), logs[n]);
    }

    /// <summary>The shared spill file itself: many threads appending at once each get back,
    /// at the place returned, exactly the bytes they wrote (no two writes share a place).
    /// </summary>
    [Fact]
    public void ALogSpill_WrittenFromManyThreadsAtOnce_KeepsEveryWriteWhole()
    {
        var spill = new LogSpill(0);
        var places = new long[4][];
        byte[] Bytes(int t, int i) =>
            Encoding.ASCII.GetBytes($"{t}:{i};" + new string('z', i % 50));
        using var together = new Barrier(places.Length);
        var threads = Enumerable.Range(0, places.Length).Select(t => new Thread(() =>
        {
            places[t] = new long[2000];
            for (var i = 0; i < 2000; i++)
            {
                together.SignalAndWait(); // every thread writes in the same round
                places[t][i] = spill.Write(Bytes(t, i));
            }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());
        for (var t = 0; t < places.Length; t++)
        {
            for (var i = 0; i < 2000; i++)
            {
                var expected = Bytes(t, i);
                var read = new byte[expected.Length];
                spill.Read(read, places[t][i]);
                Assert.Equal(expected, read);
            }
        }
    }
}
