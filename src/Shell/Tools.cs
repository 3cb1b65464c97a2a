using System.Runtime.InteropServices;

namespace FunctionalGossip.Shell;

/// <summary>Replaces this process with <c>gossip-tools</c> (same folder, same arguments, same
/// stdin/stdout/stderr), which runs the subcommand.</summary>
internal static partial class Tools
{
    /// <summary>The tools binary's file name.</summary>
    public const string FileName = "gossip-tools";

    /// <summary>Execs the tools binary; returns only if that fails (exit status 2 after saying
    /// why).</summary>
    public static int Exec(string[] args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"gossip: {path} is missing: the subcommands live there "
                + "(dotnet publish src/Shell -o DIR publishes both)");
            return 2;
        }
        string?[] argv = [path, .. args, null];
        ExecV(path, argv);
        Console.Error.WriteLine(
            $"gossip: cannot run {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        return 2;
    }

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8,
        SetLastError = true)]
    private static partial int ExecV(string path, string?[] argv);
}
