using System.Globalization;
using System.Runtime.InteropServices;

namespace FunctionalGossip.Harness.Processes;

/// <summary>
/// A node's cost as Linux reports it under <c>/proc/&lt;pid&gt;</c>: CPU time from
/// <c>stat</c> (utime and stime, fields 14 and 15, in clock ticks), and peak and current
/// resident set size from <c>status</c> (<c>VmHWM</c> and <c>VmRSS</c>, in kB). Elsewhere, or
/// once the process is gone, there is nothing to read.
/// </summary>
internal static class ProcFs
{
    private const int ScClkTck = 2;

    /// <summary>Clock ticks per second (<c>sysconf(_SC_CLK_TCK)</c>; 100 if that
    /// fails).</summary>
    public static long TicksPerSecond { get; } = ReadTicksPerSecond();

    /// <summary>Reads process <paramref name="pid"/>'s CPU ticks and peak RSS; null when its
    /// <c>stat</c> cannot be read or parsed. A zombie has CPU times but no <c>VmHWM</c>.
    /// </summary>
    public static NodeCostReading? Read(int pid) =>
        ReadText(Dir(pid) + "stat") is string stat && ParseStat(stat) is var (user, sys)
        && ReadText(Dir(pid) + "status") is string status
            ? new NodeCostReading(user, sys, ParsePeakRssKb(status))
            : null;

    /// <summary>utime and stime (ticks) from a <c>/proc/&lt;pid&gt;/stat</c> line. The command
    /// name (field 2) is in parentheses and may itself hold spaces and parentheses, so the
    /// fields are counted from the last <c>)</c>.</summary>
    public static (long User, long Sys)? ParseStat(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0) return null;
        // After ") " come field 3 (state) onwards: utime is field 14, stime field 15.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12 && Whole(fields[11]) is long user && Whole(fields[12]) is long sys
            ? (user, sys) : null;
    }

    /// <summary>The <c>VmHWM</c> figure (peak RSS, kB) of a <c>/proc/&lt;pid&gt;/status</c>
    /// text, or null when absent (a zombie or a kernel thread).</summary>
    public static long? ParsePeakRssKb(string status) => ParseKb(status, "VmHWM:");

    /// <summary>The <c>VmRSS</c> figure (resident set size now, kB) of a
    /// <c>/proc/&lt;pid&gt;/status</c> text, or null when absent.</summary>
    public static long? ParseRssKb(string status) => ParseKb(status, "VmRSS:");

    /// <summary>Process <paramref name="pid"/>'s resident set size now (kB), or null when its
    /// <c>status</c> cannot be read.</summary>
    public static long? ReadRssKb(int pid) =>
        ReadText(Dir(pid) + "status") is string status ? ParseRssKb(status) : null;

    /// <summary>The calling thread's time on a CPU and time runnable but waiting for one
    /// (ns, since it started), from <c>/proc/thread-self/schedstat</c>; null where that cannot
    /// be read (not Linux, or a kernel without schedstats).</summary>
    public static (long OnCpuNs, long WaitingNs)? ReadThreadSchedstat() =>
        ReadText("/proc/thread-self/schedstat") is string text ? ParseSchedstat(text) : null;

    /// <summary>Process <paramref name="pid"/>'s folder under <c>/proc</c>.</summary>
    private static string Dir(int pid) => $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>A <c>/proc</c> file's text, or null when it cannot be read (not Linux, or the
    /// process is gone).</summary>
    private static string? ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The first two fields of a <c>schedstat</c> line: ns on a CPU, ns waiting on a
    /// run queue (the third, time slices, is ignored).</summary>
    public static (long OnCpuNs, long WaitingNs)? ParseSchedstat(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && Whole(fields[0]) is long cpu && Whole(fields[1]) is long wait
            ? (cpu, wait) : null;
    }

    /// <summary>A <c>Name:   123 kB</c> field of a <c>status</c> text, in kB.</summary>
    private static long? ParseKb(string status, string field)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var value = line[field.Length..].Trim();
            return value.EndsWith(" kB", StringComparison.Ordinal) ? Whole(value[..^3].Trim())
                : null;
        }
        return null;
    }

    private static long? Whole(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : null;

    private static long ReadTicksPerSecond()
    {
        if (!OperatingSystem.IsLinux()) return 100;
        try
        {
            var ticks = (long)sysconf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc")]
    private static extern nint sysconf(int name);
}
