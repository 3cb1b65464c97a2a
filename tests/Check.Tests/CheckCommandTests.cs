using System.Text.Json;
using FunctionalGossip.Check.Cli;

namespace FunctionalGossip.Check.Tests;

using FunctionalGossip.Edn;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _temp =
        Directory.CreateTempSubdirectory("gossip-check-tests-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = CheckCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string RunFolder(string nameFragment) =>
        Path.Combine(Fixtures.RunsRoot(), Directory.GetDirectories(Fixtures.RunsRoot())
            .Select(Path.GetFileName).Single(n => n!.Contains(nameFragment))!);

    private static void AssertBadArguments((int Code, string Out, string Err) result,
        string fragment, int suggestions = 0)
    {
        Assert.Equal(254, result.Code);
        Assert.Equal("", result.Out);
        var lines = result.Err.TrimEnd('\n').Split('\n');
        Assert.Equal(1 + suggestions, lines.Length);
        Assert.StartsWith("gossip check: ", lines[0]);
        Assert.Contains(fragment, lines[0]);
    }

    [Fact]
    public void NoArguments_Is254() => AssertBadArguments(Run(),
        "Required argument 'run folder | history.edn' missing");

    [Fact]
    public void UnknownFlag_Is254() => AssertBadArguments(Run("x.edn", "--verbose"),
        "Unrecognized command or argument '--verbose'");

    [Fact]
    public void MistypedFlag_Is254_AndSuggestsTheFlag()
    {
        var result = Run("x.edn", "--jsn");
        AssertBadArguments(result, "Unrecognized command or argument '--jsn'", suggestions: 2);
        Assert.EndsWith("Did you mean one of the following?\n--json\n", result.Err);
    }

    [Fact]
    public void TwoPaths_Is254() => AssertBadArguments(Run("a.edn", "b.edn"),
        "Unrecognized command or argument 'b.edn'");

    [Fact]
    public void BadAvailability_Is254() =>
        AssertBadArguments(Run("a.edn", "--availability", "most"), "--availability must be total");

    [Fact]
    public void MissingFile_Is254() =>
        AssertBadArguments(Run(Path.Combine(_temp, "nope.edn")), "no such file or folder");

    [Fact]
    public void FolderWithoutHistory_Is254() => AssertBadArguments(Run(_temp),
        "no history.edn in run folder");

    [Fact]
    public void UnparseableHistory_Is254_WithFileLineAndColumn()
    {
        var file = Path.Combine(_temp, "history.edn");
        File.WriteAllText(file,
            "{:index 0, :time 1, :type :invoke, :process 0, :f :read, :value nil}\n"
            + "{:index 1, \"oops\n");
        AssertBadArguments(Run(file), file + ":2:12: unterminated string");
    }

    [Fact]
    public void Help_Is0_AndPrintsUsage()
    {
        var (code, stdout, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:\n  gossip check <run folder | history.edn> [options]", stdout);
        Assert.Contains("--availability <total|0..1>", stdout);
    }

    [Fact]
    public void ValidRunFolder_Is0_PrintsResultsEdn_AndNotesMissingNet()
    {
        var (code, stdout, stderr) = Run(RunFolder("jchao01"));
        Assert.Equal(0, code);
        var parsed = Assert.IsType<Parsed<Edn>.Ok>(EdnReader.Read(stdout));
        var results = Assert.IsType<Edn.Map>(parsed.Value);
        Assert.Null(results.Get("net"));
        Assert.Equal(Edn.Of(true), results.Get("valid?"));
        Assert.Contains(CheckCommand.NetNote, stderr);
        Assert.Contains("Everything looks good!", stderr);
    }

    [Fact]
    public void InvalidRun_Is1_AndJsonSaysSo()
    {
        var (code, stdout, stderr) = Run(Path.Combine(RunFolder("SuchitraShankar07"),
            "history.edn"), "--json");
        Assert.Equal(1, code);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal(69, json.GetProperty("workload").GetProperty("lost-count").GetInt32());
        Assert.Contains("Analysis invalid!", stderr);
    }

    [Fact]
    public void NothingStable_Is2()
    {
        // Every f has an :ok (stats valid), but no read starts after the broadcast: never-read.
        var file = Path.Combine(_temp, "history.edn");
        File.WriteAllText(file,
            "{:index 0, :time 1, :type :invoke, :process 1, :f :read, :value nil}\n"
            + "{:index 1, :time 2, :type :ok, :process 1, :f :read, :value []}\n"
            + "{:index 2, :time 3, :type :invoke, :process 0, :f :broadcast, :value 0}\n"
            + "{:index 3, :time 4, :type :ok, :process 0, :f :broadcast, :value 0}\n");
        var (code, _, stderr) = Run(file);
        Assert.Equal(2, code);
        Assert.Contains("no anomalies found", stderr);
    }

    [Fact]
    public void AllBroadcastsIndeterminate_IsInvalidThroughStats()
    {
        var file = Path.Combine(_temp, "history.edn");
        File.WriteAllText(file,
            "{:index 0, :time 1, :type :invoke, :process 0, :f :broadcast, :value 0}\n"
            + "{:index 1, :time 2, :type :info, :process 0, :f :broadcast, :value 0,"
            + " :error :net-timeout}\n");
        var (code, stdout, _) = Run(file);
        Assert.Equal(1, code);
        Assert.Contains(":workload {:worst-stale (),", stdout);
        Assert.Contains(":valid? :unknown", stdout);
    }

    [Fact]
    public void AvailabilityTotal_WithAFailedOp_Is1()
    {
        var file = Path.Combine(_temp, "history.edn");
        File.WriteAllText(file,
            "{:index 0, :time 1, :type :invoke, :process 0, :f :broadcast, :value 0}\n"
            + "{:index 1, :time 2, :type :ok, :process 0, :f :broadcast, :value 0}\n"
            + "{:index 2, :time 3, :type :invoke, :process 1, :f :read, :value nil}\n"
            + "{:index 3, :time 4, :type :ok, :process 1, :f :read, :value [0]}\n"
            + "{:index 4, :time 5, :type :invoke, :process 1, :f :read, :value nil}\n"
            + "{:index 5, :time 6, :type :fail, :process 1, :f :read, :value nil,"
            + " :error :net-timeout}\n");
        Assert.Equal(0, Run(file).Code);
        Assert.Equal(1, Run(file, "--availability", "total").Code);
        Assert.Equal(0, Run(file, "--availability", "0.5").Code);
    }
}
