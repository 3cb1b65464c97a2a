using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>Which links a node sends new values on at once, instead of on its next
/// tick.</summary>
public enum Eager
{
    /// <summary>Every link waits for the tick (batches as large as possible).</summary>
    None,

    /// <summary>Only the link to the node's upstream (the hub, or the tree parent) is sent at
    /// once; values flowing away from the hub wait for the tick.</summary>
    Up,

    /// <summary>Every link is sent at once (one hop, no batching).</summary>
    All,
}

/// <summary>
/// A node's tunables, given as positional <c>key=value</c> arguments (Maelstrom passes
/// non-option arguments to <c>--bin</c> verbatim). Part of the state, so Step stays a pure
/// function of (state, event) and a journal header is enough to rebuild a node.
/// </summary>
/// <param name="TickMs">How often batched values are flushed to relay peers.</param>
/// <param name="RetryMs">How long a batch may go unacknowledged before it is sent again.</param>
/// <param name="Relay">Which peers a node forwards values to.</param>
/// <param name="AckMs">How long a received batch may wait for a message that carries its
/// acknowledgement before an explicit one is sent (batches from a node that relays through
/// this one are acknowledged by the next tick instead).</param>
/// <param name="Eager">Which links get new values at once rather than on the tick.</param>
/// <param name="SuspectMs">How long a batch to the upstream may wait for its acknowledgement
/// before the node relays through the next node id instead (0: never), at most: each link
/// times out on its own round trips (see <see cref="PeerLink.SuspectAfterMs"/>), and waits
/// <see cref="SuspectFirstMs"/> until it has measured one.</param>
/// <param name="FanoutPerS">The most messages per second a tick should send to all peers
/// together: in a cluster of N nodes the tick is at least (N − 1) / FanoutPerS seconds (0: no
/// limit). See <see cref="TickMsFor"/>.</param>
/// <param name="Probes">How many candidates a node whose upstream went silent tries at once
/// (the first to answer becomes its upstream), and how many peers a detour goes through.
/// </param>
/// <param name="DetourMs">How long a batch to a peer other than the upstream may wait for its
/// acknowledgement before the link is taken for cut and the values it owes go through
/// <see cref="Probes"/> other peers, which pass them on (0: never).</param>
/// <param name="SuspectMinMs">The shortest a link's suspect timeout gets, however short its
/// round trips (see <see cref="PeerLink.SuspectAfterMs"/>): a run of quick acknowledgements
/// must not make one merely late look like silence. <see cref="SuspectMs"/> wins where it is
/// shorter.</param>
/// <param name="SuspectDeviations">How many mean deviations (RTTVAR) above the smoothed round
/// trip (SRTT) a link's suspect timeout lies (see <see cref="PeerLink.SuspectAfterMs"/>). TCP
/// takes 4 (RFC 6298), for resends that cost one segment when spurious; here a false suspicion
/// costs a fallback, probes and ranges both ways (about 30 messages), and under exponential
/// latency 4 cost 1.76 messages per operation against 1.65 with a fixed 800 ms, 6 cost
/// 1.67.</param>
/// <param name="SuspectFirstMs">How long a batch may wait for its acknowledgement on a link
/// with no round-trip sample yet (at most <see cref="SuspectMs"/>): shorter than the ceiling,
/// because a link that has never been acknowledged is the likelier to be cut (in the
/// simulator's partition runs every partition starts at 0 ms, before any sample, and 600 ms
/// there took the worst max gap at 25 nodes from +2,161 to +1,845 ms), while a link that has
/// samples needs the ceiling where its acknowledgements vary (exponential latency).</param>
public sealed record NodeSettings(long TickMs, long RetryMs, Relay Relay, long AckMs = 2000,
    Eager Eager = Eager.Up, long SuspectMs = 800, long FanoutPerS = 2000, long Probes = 4,
    long DetourMs = 0, long SuspectMinMs = 300, long SuspectDeviations = 6,
    long SuspectFirstMs = 600)
{
    /// <summary>The default profile: a star whose leaves send each value to the hub at once
    /// and whose hub flushes to each leaf every 220 ms (longer beyond 441 nodes, so the hub
    /// sends at most 2,000 messages a second); acknowledgements ride on that traffic,
    /// and go alone only after 2 s; a batch is resent after 3 s. A leaf whose batch the hub
    /// has not acknowledged for its link's timeout (round trips as measured, 300 to 800 ms;
    /// 600 ms before the first) tries the next 4 node ids at once and relays through the first
    /// to answer until the hub answers.
    /// </summary>
    public static readonly NodeSettings Default =
        new(220, 3000, new Relay.Star(), 2000, Eager.Up, 800, 2000, 4);

    /// <summary>The latency profile: every value goes from its origin straight to every other
    /// node (one hop), with acknowledgements as lazy as the default's; a link whose batch has
    /// waited 2.5 s for its acknowledgement (longer than an acknowledgement can lag, so no
    /// quiet link is taken for cut) is taken for cut, and what it owes goes through 2 other
    /// nodes that can reach the peer until it is heard from again.</summary>
    public static readonly NodeSettings Latency =
        new(200, 3000, new Relay.Total(), 2000, Eager.All, 800, 2000, 2, 2500);

    /// <summary>
    /// How long after a partition heals every value is on every node at the latest, network
    /// delay and timer lateness aside, with the star and total relays: a batch lost in the
    /// partition is resent within <see cref="RetryMs"/> plus one tick (sooner when the peer's
    /// traffic shows it missing, see <see cref="SuspectMs"/>), and the hub passes what it
    /// learns on by its next tick (ticks as <see cref="TickMsFor"/> gives them for
    /// <paramref name="nodeCount"/> nodes). Maelstrom waits 10 s after healing before its
    /// final reads.
    /// </summary>
    public long CatchUpMsFor(int nodeCount) => RetryMs + 2 * TickMsFor(nodeCount);

    private const string Keys =
        "keys: profile, tick-ms, retry-ms, ack-ms, suspect-ms, suspect-first-ms, suspect-min-ms, "
        + "suspect-deviations, fanout-per-s, probes, detour-ms, relay, eager";

    /// <summary>The settings as <c>key=value</c> words, every key present, in a fixed
    /// order.</summary>
    public string Render() => $"tick-ms={TickMs} retry-ms={RetryMs} ack-ms={AckMs} "
        + $"suspect-ms={SuspectMs} suspect-first-ms={SuspectFirstMs} "
        + $"suspect-min-ms={SuspectMinMs} "
        + $"suspect-deviations={SuspectDeviations} "
        + $"fanout-per-s={FanoutPerS} probes={Probes} "
        + $"detour-ms={DetourMs} "
        + $"relay={Relay.Render()} eager={EagerName(Eager)}";

    /// <summary>
    /// The tick interval in a cluster of <paramref name="nodeCount"/> nodes: <see cref="TickMs"/>,
    /// or longer where a tick's batches to every other node would exceed
    /// <see cref="FanoutPerS"/> messages a second. Every receiver needs a message per tick while
    /// values keep coming, so a hub's cost per operation grows with the node count over the
    /// tick; a longer tick at scale holds it down at the price of latency (about 500 ms at
    /// 1,000 nodes).
    /// </summary>
    public long TickMsFor(int nodeCount) =>
        FanoutPerS == 0 ? TickMs : Math.Max(TickMs, (nodeCount - 1) * 1000L / FanoutPerS);

    /// <summary>Parses <c>key=value</c> words: a <c>profile=</c> word picks the preset they
    /// start from (<see cref="Default"/> without one), wherever it stands, and every other
    /// word overrides one setting of it. Left is a message naming the offending word and what
    /// is accepted.</summary>
    public static Either<string, NodeSettings> Parse(IEnumerable<string> words)
    {
        var list = words.ToList();
        var profiles = list.Where(w => w.StartsWith("profile=", StringComparison.Ordinal));
        var start = profiles.Aggregate(Right<string, NodeSettings>(Default),
            (acc, word) => acc.Bind(_ => Profile(word["profile=".Length..])));
        return list.Where(w => !w.StartsWith("profile=", StringComparison.Ordinal)).Aggregate(
            start, (acc, word) => acc.Bind(s => ParseWord(s, word)));
    }

    private static Either<string, NodeSettings> Profile(string name) => name switch
    {
        "default" => Right<string, NodeSettings>(Default),
        "latency" => Right<string, NodeSettings>(Latency),
        _ => Left<string, NodeSettings>($"profile={name} is not one of default, latency"),
    };

    private static Either<string, NodeSettings> ParseWord(NodeSettings s, string word)
    {
        var eq = word.IndexOf('=');
        if (eq <= 0) return Left<string, NodeSettings>($"'{word}' is not key=value ({Keys})");
        var (key, value) = (word[..eq], word[(eq + 1)..]);
        return key switch
        {
            "tick-ms" => Integer(key, value, 1, 60_000).Map(v => s with { TickMs = v }),
            "retry-ms" => Integer(key, value, 1, 600_000).Map(v => s with { RetryMs = v }),
            "ack-ms" => Integer(key, value, 0, 600_000).Map(v => s with { AckMs = v }),
            "suspect-ms" => Integer(key, value, 0, 600_000).Map(v => s with { SuspectMs = v }),
            "suspect-first-ms" => Integer(key, value, 0, 600_000)
                .Map(v => s with { SuspectFirstMs = v }),
            "suspect-min-ms" => Integer(key, value, 0, 600_000)
                .Map(v => s with { SuspectMinMs = v }),
            "suspect-deviations" => Integer(key, value, 0, 100)
                .Map(v => s with { SuspectDeviations = v }),
            "fanout-per-s" => Integer(key, value, 0, 10_000_000)
                .Map(v => s with { FanoutPerS = v }),
            "probes" => Integer(key, value, 1, 1000).Map(v => s with { Probes = v }),
            "detour-ms" => Integer(key, value, 0, 600_000).Map(v => s with { DetourMs = v }),
            "relay" => Relay.Parse(value).ToEither(
                    $"relay={value} is not one of star, total, given, tree1..tree64")
                .Map(r => s with { Relay = r }),
            "eager" => ParseEager(value).ToEither($"eager={value} is not one of none, up, all")
                .Map(e => s with { Eager = e }),
            _ => Left<string, NodeSettings>($"unknown setting '{key}' ({Keys})"),
        };
    }

    private static string EagerName(Eager e) => e switch
    {
        Eager.None => "none",
        Eager.Up => "up",
        Eager.All => "all",
        _ => throw new System.Diagnostics.UnreachableException(e.ToString()),
    };

    private static Option<Eager> ParseEager(string text) => text switch
    {
        "none" => Eager.None,
        "up" => Eager.Up,
        "all" => Eager.All,
        _ => None,
    };

    private static Either<string, long> Integer(string key, string value, long min, long max) =>
        long.TryParse(value, out var v) && v >= min && v <= max
            ? Right<string, long>(v)
            : Left<string, long>($"{key}={value} must be an integer from {min} to {max}");
}
