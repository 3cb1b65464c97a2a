namespace FunctionalGossip.Core;

/// <summary>The node's timers. Each id names at most one pending timer (replace
/// semantics).</summary>
public enum TimerId
{
    /// <summary>Flush batched values to relay peers and retry unacknowledged batches.</summary>
    Gossip,
}

/// <summary>Wire names of timers, used by the journal.</summary>
public static class TimerNames
{
    /// <summary>The journal name of a timer.</summary>
    public static string Name(this TimerId timer) => timer switch
    {
        TimerId.Gossip => "gossip",
        _ => throw new System.Diagnostics.UnreachableException(timer.ToString()),
    };

    /// <summary>Parses a journal timer name.</summary>
    public static LanguageExt.Option<TimerId> Parse(string name) => name switch
    {
        "gossip" => TimerId.Gossip,
        _ => LanguageExt.Option<TimerId>.None,
    };
}
