using System.Diagnostics.Tracing;

namespace FunctionalGossip.Bench;

/// <summary>
/// Bytes allocated by type, sampled by the runtime's own allocation ticks (one event per
/// about 100 KB allocated, naming the type of the object that crossed the mark): where a
/// run's allocation goes, without an external profiler. Listens from construction to
/// <see cref="Dispose"/>; <see cref="Top"/> ranks the types.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        // GC keyword (0x1) at Verbose: GCAllocationTick.
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || e.Payload is null || e.PayloadNames is null
            || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)) return;
        var type = e.Payload[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]);
        lock (_gate) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }

    /// <summary>The <paramref name="n"/> types that allocated most, with their share.</summary>
    public IEnumerable<string> Top(int n)
    {
        lock (_gate)
        {
            var total = Math.Max(1, _bytes.Values.Sum());
            return _bytes.OrderByDescending(kv => kv.Value).Take(n)
                .Select(kv => $"{kv.Value >> 20,7} MB {100.0 * kv.Value / total,5:0.0}%  {kv.Key}")
                .ToList();
        }
    }
}
