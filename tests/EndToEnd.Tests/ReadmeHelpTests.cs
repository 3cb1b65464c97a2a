using System.Diagnostics;
using FunctionalGossip.Testing;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>The README's help blocks are the binary's generated help, so they cannot drift
/// from the option definitions: each block follows a <c>&lt;!-- help: ARGS --&gt;</c>
/// marker and must equal <c>gossip ARGS</c>'s output (trailing spaces aside: the help
/// wrapper leaves them, editors strip them).</summary>
[Collection(BinaryCollection.Name)]
public sealed class ReadmeHelpTests(GossipBinary binary)
{
    [Theory]
    [InlineData("--help")]
    [InlineData("test --help")]
    public void ReadmeHelpBlock_IsTheBinarysHelp(string args)
    {
        var readme = File.ReadAllText(TestPaths.InRepo("README.md")).ReplaceLineEndings("\n");
        var marker = $"<!-- help: {args} -->\n```text\n";
        var at = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no block after {marker.Trim()}");
        var start = at + marker.Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Equal(Trimmed(Help(args)), Trimmed(block));
    }

    private string Help(string args)
    {
        var psi = new ProcessStartInfo(binary.Path) { RedirectStandardOutput = true };
        foreach (var a in args.Split(' ')) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, p.ExitCode);
        return output;
    }

    private static string Trimmed(string text) => string.Join('\n',
        text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()));
}
