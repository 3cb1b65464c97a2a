using FunctionalGossip.Testing;

namespace FunctionalGossip.Core.Tests.Golden;

/// <summary>
/// Executable protocol documentation: every script in tests/Core.Tests/testdata runs on a
/// fresh cluster and must print exactly its expected output. With the environment variable
/// <c>REWRITE=1</c> the expectations are regenerated in place instead (review the diff: the
/// scripts are documentation, and a wrong expectation is a defect).
/// </summary>
public class GoldenScenarios
{
    private static string Folder => TestPaths.InRepo("tests", "Core.Tests", "testdata");

    /// <summary>Every scenario file, by name.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Folder, "*.txt").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Scenario_PrintsItsExpectedOutput(string file)
    {
        var path = Path.Combine(Folder, file);
        var script = Script.Parse(File.ReadAllText(path));
        var runner = new Runner();
        var actual = new List<IReadOnlyList<string>>();
        foreach (var c in script.Cases)
        {
            try { actual.Add(runner.Run(c)); }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"{file}:{c.Line}: {c.Command}: {e.Message}",
                    e);
            }
        }
        if (Environment.GetEnvironmentVariable("REWRITE") == "1")
        {
            File.WriteAllText(path, script.Render(actual));
            return;
        }
        var cases = script.Cases.ToList();
        for (var i = 0; i < cases.Count; i++)
            Assert.True(cases[i].Expected.SequenceEqual(actual[i]),
                $"{file}:{cases[i].Line}: {cases[i].Command}\n--- expected\n"
                + string.Join("\n", cases[i].Expected) + "\n--- actual\n"
                + string.Join("\n", actual[i]));
    }

    /// <summary>What the scenarios must show between them: every message the node sends, with
    /// every field of <c>gossip</c> (a resend's <c>from</c> reads <c>seq 1-4</c>).</summary>
    private static readonly string[] Shown =
    {
        "→ c1 init_ok", "→ c1 topology_ok", "→ c1 broadcast_ok", "→ c1 read_ok", " error 10 ",
        " error 11 ", " error 12 ", " error 14 ", "gossip seq 1 [", "gossip ack ", " up",
        " have [", " path [", " for [", " cut [", "log upstream ", "log topology: ignoring",
    };

    [Fact]
    public void Scenarios_ShowEveryMessageTheNodeSends()
    {
        var outputs = Directory.GetFiles(Folder, "*.txt")
            .SelectMany(path => Script.Parse(File.ReadAllText(path)).Cases)
            .SelectMany(c => c.Expected).ToList();
        Assert.All(Shown, s => Assert.Contains(outputs, line => line.Contains(s)));
        Assert.Contains(outputs, line => System.Text.RegularExpressions.Regex.IsMatch(
            line, @"gossip seq \d+-\d+ \["));
    }

    [Fact]
    public void Script_RendersBackToItsText()
    {
        foreach (var path in Directory.GetFiles(Folder, "*.txt"))
        {
            var text = File.ReadAllText(path);
            var script = Script.Parse(text);
            Assert.Equal(text, script.Render(script.Cases.Select(c => c.Expected).ToList()));
        }
    }

    [Fact]
    public void Mismatch_IsReportedWithTheCase()
    {
        var script = Script.Parse("init n=1\n----\nwrong\n");
        var actual = new Runner().Run(script.Cases.Single());
        Assert.NotEqual(script.Cases.Single().Expected, actual);
        Assert.StartsWith("settings ", actual[0]);
    }
}
