using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using FunctionalGossip.Core;

namespace FunctionalGossip.Core.Tests;

/// <summary>
/// The core must do no I/O and read no clock or randomness: checked on the compiled assembly's
/// metadata (every type and member it references), not on its source text.
/// </summary>
public class PurityTests
{
    private static readonly string[] ForbiddenTypes =
    {
        "System.Console", "System.Diagnostics.Stopwatch", "System.Random", "System.Environment",
        "System.Threading.Thread", "System.Threading.Timer", "System.Threading.Tasks.Task",
        "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.IO.File",
        "System.IO.Directory", "System.IO.FileStream", "System.Diagnostics.Process",
        "System.Security.Cryptography.RandomNumberGenerator", "System.TimeProvider",
    };

    private static readonly (string Type, string Member)[] ForbiddenMembers =
    {
        ("System.DateTime", "get_Now"), ("System.DateTime", "get_UtcNow"),
        ("System.DateTime", "get_Today"),
        ("System.DateTimeOffset", "get_Now"), ("System.DateTimeOffset", "get_UtcNow"),
        ("System.Guid", "NewGuid"),
    };

    // System.Threading: KnownValues locks the index its versions share (Monitor), so states
    // stay safe to step on several threads; threads, timers and tasks stay forbidden below.
    private static readonly string[] AllowedAssemblies =
        { "System.Runtime", "System.Text.Json", "System.Text.Encodings.Web", "System.Memory",
          "System.Linq", "System.Collections", "System.Collections.Immutable", "LanguageExt.Core",
          "System.Threading", "netstandard" };

    [Fact]
    public void Core_ReferencesOnlyTheBclAndLanguageExt()
    {
        var refs = AssemblyReferences(typeof(Node).Assembly.Location);
        var foreign = refs.Where(r => !AllowedAssemblies.Contains(r)).ToList();
        Assert.True(foreign.Count == 0, $"unexpected references: {string.Join(", ", foreign)}");
    }

    [Fact]
    public void Core_UsesNoClockRandomnessThreadsOrIo() =>
        Assert.Empty(Violations(typeof(Node).Assembly.Location));

    /// <summary>The scanner must be able to fail: this test assembly holds deliberately impure
    /// code (<see cref="ImpureSample"/>), and the scanner must find it.</summary>
    [Fact]
    public void Scanner_FlagsImpureCode()
    {
        Assert.True(ImpureSample.Touch() > 0);
        var found = Violations(typeof(PurityTests).Assembly.Location);
        Assert.Contains("System.Console", found);
        Assert.Contains("System.Diagnostics.Stopwatch", found);
        Assert.Contains("System.DateTime.get_Now", found);
    }

    private static List<string> AssemblyReferences(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        return md.AssemblyReferences
            .Select(h => md.GetString(md.GetAssemblyReference(h).Name))
            .ToList();
    }

    private static List<string> Violations(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var h in md.TypeReferences)
        {
            var name = FullName(md, md.GetTypeReference(h));
            if (ForbiddenTypes.Contains(name)) found.Add(name);
        }
        foreach (var h in md.MemberReferences)
        {
            var m = md.GetMemberReference(h);
            if (m.Parent.Kind != HandleKind.TypeReference) continue;
            var type = FullName(md, md.GetTypeReference((TypeReferenceHandle)m.Parent));
            var member = md.GetString(m.Name);
            if (ForbiddenMembers.Contains((type, member))) found.Add($"{type}.{member}");
        }
        return found.Distinct().ToList();
    }

    private static string FullName(MetadataReader md, TypeReference t) =>
        $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}";
}

/// <summary>Code the purity scanner must reject, kept here so its detection is tested.</summary>
internal static class ImpureSample
{
    public static long Touch()
    {
        Console.Out.Flush();
        return System.Diagnostics.Stopwatch.GetTimestamp() + DateTime.Now.Ticks;
    }
}
