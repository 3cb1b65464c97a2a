using FunctionalGossip.Check.History;

namespace FunctionalGossip.Harness.Store;

/// <summary>Placeholder; replaced by the real plot.</summary>
public static class LatencyPlot
{
    /// <summary>The PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<Op> history) => [];
}
