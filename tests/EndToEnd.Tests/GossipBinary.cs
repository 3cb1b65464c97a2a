using System.Diagnostics;
using FunctionalGossip.Testing;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>
/// The Native-AOT <c>gossip</c> binary under test, published once per test run from the
/// current sources into a temporary folder (gossip and gossip-tools beside it: two AOT
/// compilations), so a stale binary can never be tested. Set GOSSIP_BIN to an already
/// published binary (with gossip-tools beside it) to skip the publish while iterating.
/// </summary>
public sealed class GossipBinary : IDisposable
{
    private readonly string? _publishDir;

    public GossipBinary()
    {
        var given = Environment.GetEnvironmentVariable("GOSSIP_BIN");
        if (!string.IsNullOrEmpty(given))
        {
            Path = System.IO.Path.IsPathRooted(given)
                ? given
                : System.IO.Path.Combine(TestPaths.RepoRoot(), given);
            if (!File.Exists(Path))
                throw new FileNotFoundException($"GOSSIP_BIN={given} does not exist");
            return;
        }
        _publishDir = Directory.CreateTempSubdirectory("gossip-e2e-").FullName;
        Publish(TestPaths.RepoRoot(), _publishDir);
        Path = System.IO.Path.Combine(_publishDir, "gossip");
    }

    /// <summary>Absolute path of the binary.</summary>
    public string Path { get; }

    private static void Publish(string root, string output)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", System.IO.Path.Combine(root, "src", "Shell"), "-c", "Release",
                "-o", output, "--nologo",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            p.Kill(true);
            throw new TimeoutException("dotnet publish took over 15 minutes");
        }
        if (p.ExitCode != 0)
            throw new InvalidOperationException(
                $"dotnet publish failed ({p.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
    }

    public void Dispose()
    {
        if (_publishDir is not null)
            try { Directory.Delete(_publishDir, true); }
            catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class BinaryCollection : ICollectionFixture<GossipBinary>
{
    public const string Name = "gossip binary";
}
