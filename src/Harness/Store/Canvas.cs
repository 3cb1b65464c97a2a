namespace FunctionalGossip.Harness.Store;

/// <summary>An RGB raster with the few drawing primitives the plots need, and a 3×5 bitmap
/// font for digits and a handful of letters.</summary>
public sealed class Canvas
{
    private static readonly Dictionary<char, string> Glyphs = new()
    {
        ['0'] = "111101101101111", ['1'] = "010110010010111", ['2'] = "111001111100111",
        ['3'] = "111001111001111", ['4'] = "101101111001001", ['5'] = "111100111001111",
        ['6'] = "111100111101111", ['7'] = "111001010010010", ['8'] = "111101111101111",
        ['9'] = "111101111001111", ['.'] = "000000000000010", ['-'] = "000000111000000",
        ['m'] = "000000111111101", ['s'] = "000011010001110", ['t'] = "010111010010011",
        ['i'] = "010000010010010", ['e'] = "000111111100011", ['l'] = "110010010010111",
        ['a'] = "000011101101011", ['n'] = "000110101101101", ['c'] = "000011100100011",
        ['y'] = "000101101011110", ['o'] = "000010101101010", ['k'] = "100101110101101",
        ['r'] = "000110100100100", ['d'] = "001011101101011", ['f'] = "011100110100100",
        ['b'] = "100110101101110", ['g'] = "000011101011110", [' '] = "000000000000000",
        ['('] = "010100100100010", [')'] = "010001001001010", [','] = "000000000010100",
        ['/'] = "001001010100100", ['h'] = "100100110101101", ['p'] = "000110101110100",
        ['q'] = "000011101011001", ['u'] = "000101101101011", ['v'] = "000101101101010",
        ['w'] = "000101101111111", ['x'] = "000101010010101", ['z'] = "000111001010111",
        ['j'] = "001000001001110", [':'] = "000010000010000", ['%'] = "101001010100101",
        ['='] = "000111000111000", ['+'] = "000010111010000",
    };

    private readonly byte[] _rgb;

    /// <summary>A white canvas.</summary>
    public Canvas(int width, int height)
    {
        (Width, Height) = (width, height);
        _rgb = new byte[width * height * 3];
        Array.Fill(_rgb, (byte)255);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Sets one pixel (ignored outside the canvas).</summary>
    public void Set(int x, int y, (byte R, byte G, byte B) c)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height) return;
        var i = (y * Width + x) * 3;
        (_rgb[i], _rgb[i + 1], _rgb[i + 2]) = c;
    }

    /// <summary>A filled rectangle.</summary>
    public void Fill(int x, int y, int w, int h, (byte, byte, byte) c)
    {
        for (var dy = 0; dy < h; dy++)
            for (var dx = 0; dx < w; dx++) Set(x + dx, y + dy, c);
    }

    /// <summary>Text in the 3×5 font scaled by <paramref name="scale"/>; unknown characters
    /// are skipped.</summary>
    public void Text(int x, int y, string text, int scale, (byte, byte, byte) c)
    {
        foreach (var ch in text)
        {
            if (Glyphs.TryGetValue(ch, out var g))
            {
                for (var k = 0; k < 15; k++)
                    if (g[k] == '1') Fill(x + k % 3 * scale, y + k / 3 * scale, scale, scale, c);
            }
            x += 4 * scale;
        }
    }

    /// <summary>A line from one point to another (Bresenham), <paramref name="thickness"/>
    /// pixels wide; with <paramref name="dashed"/> every other run of 6 pixels is skipped.
    /// </summary>
    public void Line(int x0, int y0, int x1, int y1, (byte, byte, byte) c, int thickness = 2,
        bool dashed = false)
    {
        var (dx, dy) = (Math.Abs(x1 - x0), -Math.Abs(y1 - y0));
        var (sx, sy) = (x0 < x1 ? 1 : -1, y0 < y1 ? 1 : -1);
        var err = dx + dy;
        for (var step = 0; ; step++)
        {
            if (!dashed || step / 6 % 2 == 0) Fill(x0, y0, thickness, thickness, c);
            if (x0 == x1 && y0 == y1) return;
            var e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
        }
    }

    /// <summary>The width in pixels of <paramref name="text"/> at <paramref name="scale"/>.
    /// </summary>
    public static int TextWidth(string text, int scale) => text.Length * 4 * scale - scale;

    /// <summary>The pixels as PNG.</summary>
    public byte[] ToPng() => Png.Encode(Width, Height, _rgb);
}
