namespace FunctionalGossip.Testing;

/// <summary>
/// The one place every test project resolves paths: the repository root (found from the test
/// binary, never an absolute machine path) and the real Maelstrom runs shipped inside it.
/// Compiled into each test project by tests/Directory.Build.props.
/// </summary>
public static class TestPaths
{
    /// <summary>The repository root: the nearest ancestor of the test binary holding
    /// FunctionalGossip.sln.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FunctionalGossip.sln")))
            dir = dir.Parent;
        return dir?.FullName
            ?? throw new InvalidOperationException(
                "FunctionalGossip.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A path below the repository root.</summary>
    public static string InRepo(params string[] parts) =>
        Path.Combine([RepoRoot(), .. parts]);

    /// <summary>The folder holding one subfolder per real Maelstrom run
    /// (tests/fixtures/maelstrom-runs, each run with its SOURCE.md).</summary>
    public static string MaelstromRuns()
    {
        var root = InRepo("tests", "fixtures", "maelstrom-runs");
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException("fixture folder missing: " + root);
        return root;
    }

    /// <summary>Every run folder, full paths in ordinal order (runs dropped in are picked
    /// up).</summary>
    public static IReadOnlyList<string> MaelstromRunDirs() =>
        Directory.GetDirectories(MaelstromRuns()).Order(StringComparer.Ordinal).ToList();
}
