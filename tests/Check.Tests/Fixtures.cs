using FunctionalGossip.Testing;

namespace FunctionalGossip.Check.Tests;

/// <summary>The real Maelstrom runs shipped in tests/fixtures/maelstrom-runs, as theory data
/// and file reads (paths come from <see cref="TestPaths"/>).</summary>
public static class Fixtures
{
    /// <summary>The files every fixture run folder must contain.</summary>
    public static readonly string[] RequiredFiles = ["history.edn", "history.txt", "results.edn"];

    /// <summary>The folder holding one subfolder per real Maelstrom run.</summary>
    public static string RunsRoot() => TestPaths.MaelstromRuns();

    /// <summary>Every run folder name, enumerated now (new runs dropped in are picked
    /// up).</summary>
    public static TheoryData<string> Runs()
    {
        var data = new TheoryData<string>();
        foreach (var dir in TestPaths.MaelstromRunDirs()) data.Add(Path.GetFileName(dir));
        return data;
    }

    /// <summary>Reads a file of a run, failing loudly when it is missing.</summary>
    public static string Read(string run, string file)
    {
        var path = Path.Combine(RunsRoot(), run, file);
        Assert.True(File.Exists(path), $"fixture run '{run}' is missing {file} ({path})");
        return File.ReadAllText(path);
    }
}
