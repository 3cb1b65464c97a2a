using System.Text;

namespace FunctionalGossip.Core.Tests.Golden;

/// <summary>One case of a scenario script: a command line, its input lines, and the expected
/// output written under <c>----</c>.</summary>
/// <param name="Line">The 1-based line number of the command.</param>
/// <param name="Command">The command word and its arguments, as written.</param>
/// <param name="Input">Lines between the command and <c>----</c>.</param>
/// <param name="Expected">Lines after <c>----</c>, up to a blank line or the end.</param>
internal sealed record Case(int Line, string Command, IReadOnlyList<string> Input,
    IReadOnlyList<string> Expected);

/// <summary>A scenario file as written: comments and blank lines kept, so a rewrite changes
/// only the expected outputs.</summary>
internal sealed record Script(IReadOnlyList<object> Parts)
{
    /// <summary>The cases, in order.</summary>
    public IEnumerable<Case> Cases => Parts.OfType<Case>();

    /// <summary>Parses a script (the format of etcd-io/raft's datadriven test files): a
    /// command line, optional input lines, <c>----</c>, the expected output, a blank line.
    /// Lines starting with <c>#</c> outside a case, and blank lines, are kept as they are.
    /// </summary>
    public static Script Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var parts = new List<object>();
        var i = 0;
        while (i < lines.Length)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                parts.Add(lines[i++]);
                continue;
            }
            var start = i;
            var input = new List<string>();
            for (i++; i < lines.Length && lines[i] != "----"; i++) input.Add(lines[i]);
            if (i == lines.Length)
                throw new FormatException($"line {start + 1}: '{lines[start]}' has no ----");
            var expected = new List<string>();
            for (i++; i < lines.Length && lines[i].Length > 0; i++) expected.Add(lines[i]);
            parts.Add(new Case(start + 1, lines[start], input, expected));
        }
        if (parts.Count > 0 && parts[^1] is "") parts.RemoveAt(parts.Count - 1);
        return new Script(parts);
    }

    /// <summary>The script with each case's expected output replaced by
    /// <paramref name="actual"/> (by case, in order), as text.</summary>
    public string Render(IReadOnlyList<IReadOnlyList<string>> actual)
    {
        var sb = new StringBuilder();
        var k = 0;
        foreach (var part in Parts)
        {
            if (part is string line)
            {
                sb.Append(line).Append('\n');
                continue;
            }
            var c = (Case)part;
            sb.Append(c.Command).Append('\n');
            foreach (var l in c.Input) sb.Append(l).Append('\n');
            sb.Append("----\n");
            foreach (var l in actual[k++]) sb.Append(l).Append('\n');
        }
        return sb.ToString();
    }
}
