using ScottPlot;
using SkiaSharp;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// The one font every plot draws with: DejaVu Sans, regular and bold, embedded in this
/// assembly (src/Harness/Store/Fonts, with its licence). ScottPlot asks its font resolvers
/// in order and this one is asked first, so a plot's bytes do not depend on the fonts
/// installed on the machine that draws it.
/// </summary>
internal sealed class PlotFont : IFontResolver
{
    /// <summary>The font name plots ask for.</summary>
    public const string Name = "DejaVu Sans";

    private static readonly SKData Regular = Load("DejaVuSans.ttf");
    private static readonly SKData Bold = Load("DejaVuSans-Bold.ttf");
    private static readonly Lazy<bool> Registered = new(Register);

    private PlotFont() { }

    /// <summary>Makes this font ScottPlot's first resolver and its default (once per
    /// process).</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    /// <summary>The embedded file of the regular or bold face (for tests).</summary>
    public static ReadOnlySpan<byte> FileBytes(bool bold) => (bold ? Bold : Regular).AsSpan();

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant,
        FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Name ? SKTypeface.FromData(bold ? Bold : Regular) : null;

    private static bool Register()
    {
        Fonts.FontResolvers.Insert(0, new PlotFont());
        Fonts.Default = Name;
        return true;
    }

    private static SKData Load(string file)
    {
        using var stream = typeof(PlotFont).Assembly.GetManifestResourceStream(file)
            ?? throw new InvalidOperationException($"the plot font {file} is not embedded");
        return SKData.Create(stream);
    }
}
