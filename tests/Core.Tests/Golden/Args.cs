using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests.Golden;

/// <summary>A command's arguments: <c>key=value</c> words and bare words, in order.</summary>
internal sealed class Args(IReadOnlyList<string> words)
{
    /// <summary>The <c>node=</c> argument.</summary>
    public string Node => Required("node");

    /// <summary>A required integer argument.</summary>
    public long Long(string key) => long.Parse(Required(key));

    /// <summary>An argument that may be absent.</summary>
    public Option<string> Optional(string key) =>
        words.Where(w => w.StartsWith(key + "=", StringComparison.Ordinal))
            .Select(w => w[(key.Length + 1)..]).HeadOrNone();

    /// <summary>A comma-separated argument; empty when absent.</summary>
    public Seq<string> List(string key) =>
        Optional(key).Match(v => toSeq(v.Split(',')), () => Seq<string>());

    /// <summary>The <paramref name="i"/>-th bare word (no <c>=</c>).</summary>
    public string Bare(int i) => words.Where(w => !w.Contains('=')).ElementAt(i);

    /// <summary>Every <c>key=value</c> word but <c>n=</c> and <c>skip=</c>: node settings.
    /// </summary>
    public IEnumerable<string> Settings() =>
        words.Where(w => !w.StartsWith("n=", StringComparison.Ordinal)
            && !w.StartsWith("skip=", StringComparison.Ordinal));

    private string Required(string key) =>
        Optional(key).IfNone(() => throw new FormatException($"missing {key}="));
}
