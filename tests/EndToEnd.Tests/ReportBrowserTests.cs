using System.Diagnostics;
using System.Text.RegularExpressions;
using FunctionalGossip.Testing;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>
/// The run report in a real browser: headless Chromium (Debian's <c>chromium</c>, which
/// .ci/run installs) opens the index.html of a short simulated run with partitions, takes a
/// screenshot, and the DOM it built is checked for the verdict, the plots, a timeline box per
/// operation and a diagram arrow per message. Without Chromium the test fails, saying so,
/// under CI (CI=true, which .ci/run sets) and is skipped, saying why, elsewhere.
/// Set GOSSIP_REPORT_SCREENSHOT to a path (e.g. docs/report.png) to keep the screenshot.
/// </summary>
[Collection(BinaryCollection.Name)]
public sealed class ReportBrowserTests(GossipBinary binary)
{
    private static readonly TimeSpan BrowserLimit = TimeSpan.FromMinutes(2);

    [ChromiumFact]
    public void TheReportOfAShortRun_OpensInChromium_WithVerdictPlotsAndEveryOperation()
    {
        var run = GossipTestRun.Start(binary.Path, "--sim", "--node-count", "3", "--time-limit",
            "4", "--rate", "5", "--latency", "100", "--nemesis", "partition",
            "--nemesis-interval", "1", "--seed", "3");
        Assert.True(run.ExitCode == 0, run.Why);
        var report = new Uri(Path.GetFullPath(run.File("index.html"))).AbsoluteUri;
        var profile = Directory.CreateTempSubdirectory("gossip-chromium-").FullName;
        try
        {
            var dom = Chromium(profile, "--dump-dom", report);
            Assert.Contains("<span id=\"verdict\" class=\"verdict valid\">valid? true</span>", dom);
            Assert.Contains("<tbody>", dom); // the browser's DOM, not the file: it adds tbody
            Assert.Equal(3, Regex.Matches(dom, "<img class=\"plot\" [^>]*src=\"data:image/png;"
                + "base64,").Count);
            var history = File.ReadAllText(run.File("history.edn"));
            var invocations = Regex.Matches(history, ":type :invoke, :process \\d+,").Count;
            Assert.True(invocations > 10, history);
            Assert.Equal(invocations,
                Regex.Matches(dom, "<rect class=\"op (ok|info|fail)\"").Count);
            Assert.True(Regex.Matches(dom, "<g class=\"msg").Count > 50, "message arrows");
            Assert.Contains("class=\"partition\"", dom);
            var shot = Path.Combine(profile, "report.png");
            Chromium(profile, $"--screenshot={shot}", "--window-size=1280,2200", report);
            var png = File.ReadAllBytes(shot);
            Assert.Equal([137, 80, 78, 71], png[..4]);
            Assert.True(png.Length > 50_000, $"a {png.Length}-byte screenshot looks blank");
            var keep = Environment.GetEnvironmentVariable("GOSSIP_REPORT_SCREENSHOT");
            if (keep is { Length: > 0 } to)
                File.Copy(shot, Path.IsPathRooted(to) ? to : TestPaths.InRepo(to), true);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
            Directory.Delete(run.Store, recursive: true);
        }
    }

    /// <summary>Why the test cannot run without Chromium.</summary>
    internal const string Missing = "headless Chromium is needed for the report test and is "
        + "not on PATH: apt-get install chromium (.ci/run does this)";

    /// <summary>The path of chromium (or chromium-browser) on PATH, or null.</summary>
    internal static string? FindChromium() => new[] { "chromium", "chromium-browser" }
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name)))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs headless Chromium to completion and returns its stdout.</summary>
    private static string Chromium(string profile, params string[] args)
    {
        var exe = FindChromium() ?? throw new InvalidOperationException(Missing);
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "--headless", "--disable-gpu", "--no-sandbox",
                     "--no-first-run", $"--user-data-dir={profile}" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(BrowserLimit))
        {
            p.Kill(true);
            throw new TimeoutException(
                $"chromium {string.Join(' ', args)} ran over {BrowserLimit}");
        }
        Assert.True(p.ExitCode == 0, $"chromium exit {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}

/// <summary>A fact that needs headless Chromium: skipped, saying why, when it is missing
/// outside CI; under CI (the CI variable set, as .ci/run does) it runs and fails without it.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        var underCi = ci is { Length: > 0 } && ci != "0" && !ci.Equals("false",
            StringComparison.OrdinalIgnoreCase);
        if (!underCi && ReportBrowserTests.FindChromium() is null)
            Skip = ReportBrowserTests.Missing + "; skipped outside CI (CI=true makes it fail)";
    }
}
