using Microsoft.Win32.SafeHandles;

namespace FunctionalGossip.Harness.Sim;

/// <summary>
/// Where the node logs of a large simulated run go once together they hold more than a
/// threshold in memory: one temporary file shared by every log of the run, its name removed as
/// soon as it is opened (so nothing is left behind, however the process ends), written as the
/// logs fill their chunks and read back when the store writes them. A 1,000-node run's logs
/// hold about 420 MB, which would otherwise stay in memory through the check; a 100-node
/// run's hold 40 MB and never reach the default threshold, so smaller runs never touch disk.
/// Node processes share one too (a soak's stderr holds hundreds of megabytes): each log is
/// written by its own reader thread, so the file and the count are shared safely; read back
/// from any thread (positional reads).
/// </summary>
/// <param name="limitBytes">Log bytes kept in memory before full chunks go to the file.</param>
public sealed class LogSpill(long limitBytes)
{
    /// <summary>The default threshold: 64 MiB of log chunks in memory.</summary>
    public const long DefaultLimitBytes = 64L << 20;

    private readonly object _gate = new();
    private SafeFileHandle? _file;
    private long _end;
    private long _held;

    /// <summary>Chunk bytes the logs hold in memory now.</summary>
    internal long Held => Interlocked.Read(ref _held);

    /// <summary>The logs now hold <paramref name="bytes"/> more (or fewer, if negative).
    /// </summary>
    internal void Hold(long bytes) => Interlocked.Add(ref _held, bytes);

    /// <summary>Whether full chunks should go to the file.</summary>
    internal bool Over => Held > limitBytes;

    /// <summary>Appends <paramref name="bytes"/> to the file and returns where they start.
    /// </summary>
    internal long Write(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            _file ??= Open();
            var at = _end;
            RandomAccess.Write(_file, bytes, at);
            _end += bytes.Length;
            return at;
        }
    }

    /// <summary>Fills <paramref name="into"/> with the file's bytes from <paramref name="at"/>.
    /// </summary>
    internal void Read(Span<byte> into, long at)
    {
        for (var done = 0; done < into.Length;)
        {
            var read = RandomAccess.Read(_file!, into[done..], at + done);
            if (read <= 0) throw new EndOfStreamException("node log spill file truncated");
            done += read;
        }
    }

    private static SafeFileHandle Open()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gossip-node-logs-{Guid.NewGuid():N}.tmp");
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows()) File.Delete(path); // open files outlive their name
        return file;
    }
}
