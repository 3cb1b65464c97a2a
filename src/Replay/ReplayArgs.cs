using System.Collections.Immutable;
using System.CommandLine;
using FunctionalGossip.Cli;
using FunctionalGossip.Core;

namespace FunctionalGossip.Replay;

/// <summary>How to read a log.</summary>
/// <param name="Node">The node to replay from a multi-node log (<c>--node nX</c>), or "".</param>
/// <param name="Force">Replay a journal of another format version anyway.</param>
/// <param name="SettingWords"><c>key=value</c> node settings that override the log's.</param>
public sealed record ReplayOptions(string Node, bool Force, ImmutableArray<string> SettingWords)
{
    /// <summary>No node chosen, no force, no overrides.</summary>
    public static readonly ReplayOptions None = new("", false, []);
}

/// <summary>What <c>gossip replay</c> was asked to open.</summary>
/// <param name="Path">The log file.</param>
/// <param name="Options">How to read it.</param>
/// <param name="Script">Commands separated by <c>;</c> (<c>--script</c>), or null.</param>
/// <param name="Json">One JSON object per command result (<c>--json</c>).</param>
public sealed record ReplayOpen(string Path, ReplayOptions Options, string? Script, bool Json);

/// <summary>The one definition of <c>gossip replay</c>'s arguments and options.</summary>
internal sealed class ReplayArgs
{
    /// <summary>What <c>gossip replay</c> does, in one line.</summary>
    public const string Summary =
        "Step through a recorded log, folding the node's pure Step like Elm's debugger.";

    /// <summary>The rest of its help.</summary>
    public const string Details = """
        The log is our journal (node-logs/nX.log of our node), Maelstrom's jepsen.log (written
        with --log-net-recv; pick a node with --node nX) or a Go library node log. Effects are
        compared, never executed; a snapshot every 64 steps for seeking. Commands come from
        --script, else stdin (interactive on a terminal); try help. Exit: 0 done, 1 a scripted
        command was misused, 2 unusable arguments or log.
        """;

    public readonly Argument<string> Log = Options.Operand("log",
        "the log file: a journal, jepsen.log or a Go library node log");

    public readonly Argument<string[]> Settings = Options.Words("key=value",
        "node settings that override the log's (profile, tick-ms, ...), e.g. for foreign logs",
        w => IsSetting(w) ? null : $"unexpected argument '{w}' (one log file only)");

    public readonly Option<string?> Node = new("--node")
    {
        HelpName = "nX", Description = "the node to replay from a multi-node log",
    };

    public readonly Option<string?> Script = new("--script")
    {
        HelpName = "cmd; cmd", Description = "run these commands instead of reading stdin",
    };

    public readonly Option<bool> Json = Options.Flag("--json",
        "one JSON object per command result");

    public readonly Option<bool> Force = Options.Flag("--force",
        "replay a journal of another format version anyway");

    /// <summary>The command over these symbols.</summary>
    public GossipCommand Command(int badArguments) =>
        new("replay", Summary, Details, badArguments) { Log, Settings, Node, Script, Json, Force };

    /// <summary>What a successful parse asks to open, or why its settings words are refused
    /// (checked as the node checks them).</summary>
    public (ReplayOpen? Open, string? Error) Read(ParseResult r)
    {
        var words = r.GetValue(Settings) ?? [];
        var error = NodeSettings.Parse(words).Match(Right: _ => "", Left: e => e);
        if (error.Length > 0) return (null, error);
        return (new(r.GetValue(Log)!, new ReplayOptions(r.GetValue(Node) ?? "",
            r.GetValue(Force), [.. words]), r.GetValue(Script), r.GetValue(Json)), null);
    }

    /// <summary>A <c>key=value</c> word with a lower-case key (so a path with '=' is a
    /// path).</summary>
    private static bool IsSetting(string word)
    {
        var eq = word.IndexOf('=');
        return eq > 0 && word[..eq].All(c => char.IsAsciiLetterLower(c) || c == '-');
    }
}
