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

    /// <summary>
    /// Files that still have lines over 100 columns because others were editing them when this
    /// test arrived. This list must shrink to empty: reflow a file, then delete its entry. An
    /// entry whose file has no long line left fails the test, so the list cannot go stale, and
    /// no file may be added to it.
    /// </summary>
    private static readonly string[] PendingReflow =
    {
        "tests/EndToEnd.Tests/BadInputTests.cs",
        "tests/EndToEnd.Tests/BrokenNodes.cs",
        "tests/EndToEnd.Tests/GossipBinary.cs",
        "tests/EndToEnd.Tests/GossipTestRun.cs",
        "tests/EndToEnd.Tests/HarnessProcessTests.cs",
        "tests/EndToEnd.Tests/NodeProcess.cs",
        "tests/EndToEnd.Tests/NodeProtocolTests.cs",
        "tests/EndToEnd.Tests/SchemaTests.cs",
        "tests/EndToEnd.Tests/SimDeterminismTests.cs",
        "tests/Replay.Tests/JepsenLogTests.cs",
        "tests/Replay.Tests/SimulatorJournalTests.cs",
    };

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
        var problems = longLines
            .Where(l => !PendingReflow.Contains(l.Path))
            .Select(l => l.ToString())
            .Concat(PendingReflow
                .Where(p => !longLines.Any(l => l.Path == p))
                .Select(p => $"{p}: in {nameof(PendingReflow)} but has no line over "
                    + $"{MaxColumns} columns; delete its entry"))
            .ToList();
        Assert.True(problems.Count == 0,
            $"{problems.Count} problem(s) with the {MaxColumns}-column rule:\n"
            + string.Join("\n", problems));
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
