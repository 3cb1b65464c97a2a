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
}
