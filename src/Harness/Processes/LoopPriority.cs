using System.Runtime.InteropServices;

namespace FunctionalGossip.Harness.Processes;

/// <summary>
/// Gives the harness's loop thread a higher scheduling priority than the nodes it drives, so
/// that on a busy machine (25 node processes on 2 cores) its deliveries are not delayed by
/// their work: the harness's own delay must not distort the figures it measures. Linux only;
/// where the process may not raise priority (not root, no CAP_SYS_NICE) it does nothing.
/// </summary>
internal static class LoopPriority
{
    private const int PrioProcess = 0;

    /// <summary>Tries to set the calling thread's nice value; true if it took effect.</summary>
    public static bool TryRaiseCurrentThread(int nice = -10)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return setpriority(PrioProcess, gettid(), nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    private static extern int gettid();
}
