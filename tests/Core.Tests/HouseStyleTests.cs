using FunctionalGossip.Testing;

namespace FunctionalGossip.Core.Tests;

/// <summary>
/// House style: every line of C# in the repository (src/, tests/, bench/) fits in 100
/// columns. A column is a character (a Unicode scalar value), not a byte or a UTF-16 unit,
/// so "é" and "😀" count one each.
/// </summary>
public class HouseStyleTests
{
    private const int MaxColumns = 100;

    private static readonly string[] ScannedFolders = { "src", "tests", "bench" };

    private sealed record LongLine(string Path, int Number, int Columns)
    {
        public override string ToString() => $"{Path}:{Number} ({Columns} columns)";
    }

    [Fact]
    public void LinesFitIn100Columns()
    {
        var root = TestPaths.RepoRoot();
        var files = ScannedFolders
            .SelectMany(folder => CsFiles(Path.Combine(root, folder)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var folder in ScannedFolders)
            Assert.Contains(files, f => f.StartsWith(folder + "/", StringComparison.Ordinal));

        var longLines = files.SelectMany(f => LongLines(root, f)).ToList();
        Assert.True(longLines.Count == 0,
            $"{longLines.Count} line(s) over {MaxColumns} columns:\n"
            + string.Join("\n", longLines));
    }

    /// <summary>Every *.cs file below <paramref name="dir"/>, build output (bin/, obj/)
    /// skipped.</summary>
    private static IEnumerable<string> CsFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*.cs")
            .Concat(Directory.EnumerateDirectories(dir)
                .Where(d => Path.GetFileName(d) is not ("bin" or "obj"))
                .SelectMany(CsFiles));

    private static IEnumerable<LongLine> LongLines(string root, string relative) =>
        File.ReadLines(Path.Combine(root, relative))
            .Select((line, i) => new LongLine(relative, i + 1, line.EnumerateRunes().Count()))
            .Where(l => l.Columns > MaxColumns);
}
