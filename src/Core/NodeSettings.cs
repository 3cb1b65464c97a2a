using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>
/// A node's tunables, given as positional <c>key=value</c> arguments (Maelstrom passes
/// non-option arguments to <c>--bin</c> verbatim). Part of the state, so Step stays a pure
/// function of (state, event) and a journal header is enough to rebuild a node.
/// </summary>
/// <param name="TickMs">How often batched values are flushed to relay peers.</param>
/// <param name="RetryMs">How long a batch may go unacknowledged before it is sent again.</param>
/// <param name="Relay">Which peers a node forwards values to.</param>
public sealed record NodeSettings(long TickMs, long RetryMs, Relay Relay)
{
    /// <summary>The defaults: flush every 100 ms, retry after 1 s, relay through a star.</summary>
    public static readonly NodeSettings Default = new(100, 1000, new Relay.Star());

    /// <summary>The settings as <c>key=value</c> words, every key present, in a fixed
    /// order.</summary>
    public string Render() => $"tick-ms={TickMs} retry-ms={RetryMs} relay={Relay.Render()}";

    /// <summary>Parses <c>key=value</c> words over <see cref="Default"/>; Left is a message
    /// naming the offending word and what is accepted.</summary>
    public static Either<string, NodeSettings> Parse(IEnumerable<string> words) =>
        words.Aggregate(
            Right<string, NodeSettings>(Default),
            (acc, word) => acc.Bind(s => ParseWord(s, word)));

    private static Either<string, NodeSettings> ParseWord(NodeSettings s, string word)
    {
        var eq = word.IndexOf('=');
        if (eq <= 0) return Left<string, NodeSettings>(
            $"'{word}' is not key=value (keys: tick-ms, retry-ms, relay)");
        var (key, value) = (word[..eq], word[(eq + 1)..]);
        return key switch
        {
            "tick-ms" => Millis(key, value, 1, 60_000).Map(v => s with { TickMs = v }),
            "retry-ms" => Millis(key, value, 1, 600_000).Map(v => s with { RetryMs = v }),
            "relay" => Relay.Parse(value).ToEither(
                    $"relay={value} is not one of star, total, given, tree1..tree64")
                .Map(r => s with { Relay = r }),
            _ => Left<string, NodeSettings>(
                $"unknown setting '{key}' (keys: tick-ms, retry-ms, relay)"),
        };
    }

    private static Either<string, long> Millis(string key, string value, long min, long max) =>
        long.TryParse(value, out var v) && v >= min && v <= max
            ? Right<string, long>(v)
            : Left<string, long>($"{key}={value} must be an integer from {min} to {max}");
}
