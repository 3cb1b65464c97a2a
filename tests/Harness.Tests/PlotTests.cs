using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Tests;

/// <summary>latency-quantiles.png and rate.png: well-formed PNGs, the same bytes for the same
/// history, and pixels that show the data (series colours, nemesis shading).</summary>
public class PlotTests
{
    private static readonly (byte, byte, byte) BroadcastOk = (50, 90, 200);
    private static readonly (byte, byte, byte) ReadOk = (60, 160, 60);
    private static readonly (byte, byte, byte) MaxQuantile = (210, 40, 40);
    private static readonly (byte, byte, byte) NemesisShade = (250, 222, 222);

    private static readonly Lazy<IReadOnlyList<Op>> PartitionedHistory = new(() =>
        Simulator.Run(Scenarios.Small(5, seed: 3, partitions: true)).History);

    public static TheoryData<string> Plots => new() { "latency-quantiles", "rate" };

    private static byte[] Render(string plot, IReadOnlyList<Op> history) => plot switch
    {
        "latency-quantiles" => LatencyQuantilesPlot.Render(history),
        "rate" => RatePlot.Render(history),
        _ => throw new ArgumentException(plot),
    };

    [Theory]
    [MemberData(nameof(Plots))]
    public void Plot_IsAValidPng(string plot)
    {
        var png = Render(plot, PartitionedHistory.Value);
        var (width, height, rgb) = Decode(png);
        Assert.Equal(width * height * 3, rgb.Length);
        Assert.True(width >= 600 && height >= 300, $"{width}x{height}");
    }

    [Theory]
    [MemberData(nameof(Plots))]
    public void Plot_IsDeterministic(string plot)
    {
        var again = Simulator.Run(Scenarios.Small(5, seed: 3, partitions: true)).History;
        Assert.Equal(Render(plot, PartitionedHistory.Value), Render(plot, again));
    }

    [Theory]
    [MemberData(nameof(Plots))]
    public void Plot_ShowsSeriesAndNemesis(string plot)
    {
        var (_, _, rgb) = Decode(Render(plot, PartitionedHistory.Value));
        Assert.True(Count(rgb, NemesisShade) > 1000, "nemesis intervals are shaded");
        if (plot == "rate")
        {
            Assert.True(Count(rgb, BroadcastOk) > 100, "the broadcast ok line is drawn");
            Assert.True(Count(rgb, ReadOk) > 100, "the read ok line is drawn");
        }
        else
        {
            // With no network latency every quantile is under 1 ms, so the max line (drawn
            // last) covers the others along the floor.
            Assert.True(Count(rgb, MaxQuantile) > 100, "the quantile lines are drawn");
        }
    }

    [Theory]
    [MemberData(nameof(Plots))]
    public void Plot_DiffersWithTheData(string plot)
    {
        var other = Simulator.Run(Scenarios.Small(5, seed: 4)).History;
        var (_, _, a) = Decode(Render(plot, PartitionedHistory.Value));
        var (_, _, b) = Decode(Render(plot, other));
        var differing = 0;
        for (var i = 0; i < a.Length; i += 3)
        {
            if (a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2]) differing++;
        }
        Assert.True(differing > 1000, $"{differing} pixels differ");
    }

    [Theory]
    [MemberData(nameof(Plots))]
    public void Plot_OfAnEmptyHistory_IsStillAnImage(string plot) =>
        Assert.NotEmpty(Decode(Render(plot, [])).Rgb);

    /// <summary>What ScottPlot draws plot text with is the embedded DejaVu Sans file itself
    /// (regular and bold), whatever fonts the machine has: the embedded font's resolver is
    /// asked first (on a machine with the same DejaVu installed, the bytes alone would not
    /// tell the two apart).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PlotFont_IsTheEmbeddedFile(bool bold)
    {
        Render("rate", []);
        Assert.IsType<PlotFont>(ScottPlot.Fonts.FontResolvers.First());
        var typeface = ScottPlot.Fonts.GetTypeface(PlotFont.Name, bold, italic: false); // cached
        using var stream = typeface.OpenStream();
        using var data = SkiaSharp.SKData.Create(stream);
        Assert.True(PlotFont.FileBytes(bold).SequenceEqual(data.AsSpan()),
            $"{typeface.FamilyName} {(bold ? "bold" : "regular")} is not the embedded file");
        Assert.Equal(bold ? 700 : 400, typeface.FontWeight);
    }

    private static int Count(byte[] rgb, (byte R, byte G, byte B) c)
    {
        var n = 0;
        for (var i = 0; i < rgb.Length; i += 3)
        {
            if (rgb[i] == c.R && rgb[i + 1] == c.G && rgb[i + 2] == c.B) n++;
        }
        return n;
    }

    /// <summary>Decodes a PNG (checking its signature) to RGB bytes, with SkiaSharp (which
    /// ScottPlot renders with).</summary>
    private static (int Width, int Height, byte[] Rgb) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        var at = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                (rgb[at], rgb[at + 1], rgb[at + 2]) = (c.Red, c.Green, c.Blue);
                at += 3;
            }
        }
        return (bitmap.Width, bitmap.Height, rgb);
    }
}
