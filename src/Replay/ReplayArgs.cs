using System.Collections.Immutable;
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

/// <summary>The parsed command line of <c>gossip replay</c>.</summary>
public abstract record ReplayArgs
{
    private ReplayArgs() { }

    /// <summary><c>--help</c>.</summary>
    public sealed record Help : ReplayArgs;

    /// <summary>Unusable arguments, with a one-line message.</summary>
    public sealed record Bad(string Message) : ReplayArgs;

    /// <summary>Replay <paramref name="Path"/>.</summary>
    /// <param name="Path">The log file.</param>
    /// <param name="Options">How to read it.</param>
    /// <param name="Script">Commands separated by <c>;</c> (<c>--script</c>), or null.</param>
    /// <param name="Json">One JSON object per command result (<c>--json</c>).</param>
    public sealed record Open(string Path, ReplayOptions Options, string? Script, bool Json)
        : ReplayArgs;

    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: gossip replay <log> [--node nX] [--script "cmd; cmd"] [--json] [--force]
                            [key=value ...]

        Folds the node's pure Step over a recorded log, like Elm's debugger: inputs only,
        effects compared but never executed, a snapshot every 64 steps for seeking.
        <log> is detected as one of:
          our journal         the node's stderr (node-logs/nX.log of our node)
          jepsen.log          Maelstrom's log written with --log-net-recv (pick a node: --node nX)
          Go library log      node-logs/nX.log of a node using Maelstrom's Go library
        key=value overrides node settings (profile, tick-ms, ...), e.g. for foreign logs.
        Commands are read from --script, else from stdin (interactive on a terminal); try help.
        Exit status: 0 done, 2 unusable arguments or log.

        """;

    /// <summary>Parses the arguments after <c>replay</c>.</summary>
    public static ReplayArgs Parse(IReadOnlyList<string> args)
    {
        string? path = null, script = null, node = null;
        bool json = false, force = false;
        var words = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "-h" or "--help": return new Help();
                case "--json": json = true; break;
                case "--force": force = true; break;
                case "--node" or "--script" when i + 1 >= args.Count:
                    return new Bad($"{a} needs a value");
                case "--node": node = args[++i]; break;
                case "--script": script = args[++i]; break;
                case var w when w.StartsWith('-'): return new Bad($"unknown option '{w}'");
                case var w when IsSetting(w): words.Add(w); break;
                case var p when path is null: path = p; break;
                default: return new Bad($"unexpected argument '{a}' (one log file only)");
            }
        }
        if (path is null) return new Bad("no log file given");
        var error = NodeSettings.Parse(words).Match(Right: _ => "", Left: e => e);
        if (error.Length > 0) return new Bad(error);
        var options = new ReplayOptions(node ?? "", force, words.ToImmutable());
        return new Open(path, options, script, json);
    }

    /// <summary>A <c>key=value</c> word with a lower-case key (so a path with '=' is a
    /// path).</summary>
    private static bool IsSetting(string word)
    {
        var eq = word.IndexOf('=');
        return eq > 0 && word[..eq].All(c => char.IsAsciiLetterLower(c) || c == '-');
    }
}
