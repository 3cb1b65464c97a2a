using System.Text;
using FunctionalGossip.Harness.Store;

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
}
