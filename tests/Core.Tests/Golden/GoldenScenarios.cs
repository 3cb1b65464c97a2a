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
}
