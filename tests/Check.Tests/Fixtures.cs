namespace FunctionalGossip.Check.Tests;

/// <summary>Locates the shared Maelstrom run fixtures
/// (../shared/fixtures/maelstrom-runs).</summary>
public static class Fixtures
{
    /// <summary>The files every fixture run folder must contain.</summary>
    public static readonly string[] RequiredFiles = ["history.edn", "history.txt", "results.edn"];

    /// <summary>The repository root: the nearest ancestor holding FunctionalGossip.sln.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FunctionalGossip.sln")))
            dir = dir.Parent;
        return dir?.FullName
            ?? throw new InvalidOperationException(
                "FunctionalGossip.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The folder holding one subfolder per real Maelstrom run.</summary>
    public static string RunsRoot()
    {
        var root = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "fixtures",
            "maelstrom-runs"));
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException("fixture folder missing: " + root);
        return root;
    }

    /// <summary>Every run folder name, enumerated now (new runs dropped in are picked
    /// up).</summary>
    public static TheoryData<string> Runs()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RunsRoot()).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
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
