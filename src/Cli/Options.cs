using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FunctionalGossip.Cli;

/// <summary>Option and argument definitions with the checks every subcommand shares, each
/// refusing a bad value with a message that names the option, the value and what is
/// allowed.</summary>
public static class Options
{
    /// <summary>A switch (no value).</summary>
    public static Option<bool> Flag(string name, string description, bool hidden = false) =>
        new(name) { Description = description, Hidden = hidden };

    /// <summary>A free-text value.</summary>
    public static Option<string> Text(string name, string helpName, string description,
        string? @default)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName };
        if (@default is not null) option.DefaultValueFactory = _ => @default;
        return option;
    }

    /// <summary>A value from a fixed list (completed by the shell, listed in help).</summary>
    public static Option<string> Choice(string name, string description, string? @default,
        params string[] allowed)
    {
        var option = Text(name, string.Join('|', allowed), description, @default);
        option.CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (allowed.Contains(text)) return text;
            r.AddError($"{name} {text}: must be {OneOf(allowed)}");
            return "";
        };
        option.CompletionSources.Add(allowed);
        return option;
    }

    /// <summary><c>a</c>, <c>a or b</c>, <c>one of a, b, c</c>.</summary>
    private static string OneOf(string[] allowed) => allowed.Length switch
    {
        1 => allowed[0],
        2 => $"{allowed[0]} or {allowed[1]}",
        _ => "one of " + string.Join(", ", allowed),
    };

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<long> Integer(string name, string helpName, string description,
        long min, long max, long @default) =>
        new(name)
        {
            Description = description, HelpName = helpName, DefaultValueFactory = _ => @default,
            CustomParser = r => Read(r, name, v => long.TryParse(v, NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null,
                $"must be an integer from {min} to {max}", @default),
        };

    /// <summary>A number from <paramref name="min"/> (exclusive when
    /// <paramref name="above"/>) to <paramref name="max"/>.</summary>
    public static Option<double> Number(string name, string helpName, string description,
        double min, double max, bool above, double @default) =>
        new(name)
        {
            Description = description, HelpName = helpName, DefaultValueFactory = _ => @default,
            CustomParser = r => Read(r, name, v => double.TryParse(v, NumberStyles.Float,
                CultureInfo.InvariantCulture, out var d) && d <= max && (above ? d > min : d >= min)
                ? d : null, above ? $"must be a number above {min} and at most {max}"
                    : $"must be a number from {min} to {max}", @default),
        };

    /// <summary>Parses the one token of <paramref name="r"/> with <paramref name="parse"/>;
    /// on failure records <c>NAME VALUE: RULE</c>.</summary>
    public static T Read<T>(ArgumentResult r, string name, Func<string, T?> parse, string rule,
        T fallback) where T : struct
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
        if (parse(text) is { } value) return value;
        r.AddError($"{name} {text}: {rule}");
        return fallback;
    }

    /// <summary>One positional argument (a file or folder). A word that looks like an option
    /// is left unmatched, so the library reports it and suggests the nearest option.</summary>
    public static Argument<string> Operand(string name, string description) =>
        new(name)
        {
            Description = description,
            CustomParser = r =>
            {
                var word = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (word.Length <= 1 || !word.StartsWith('-')) return word;
                r.OnlyTake(0);
                return null;
            },
        };

    /// <summary>Positional <c>key=value</c> words. A word that looks like an option is left
    /// unmatched, so the library reports it and suggests the nearest option; any other word
    /// is checked by <paramref name="check"/> (null: fine, else the message).</summary>
    public static Argument<string[]> Words(string name, string description,
        Func<string, string?> check) =>
        new(name)
        {
            Description = description, Arity = ArgumentArity.ZeroOrMore,
            CustomParser = r =>
            {
                var words = new List<string>();
                foreach (var token in r.Tokens)
                {
                    if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                    {
                        r.OnlyTake(words.Count);
                        break;
                    }
                    if (check(token.Value) is { } error) r.AddError(error);
                    words.Add(token.Value);
                }
                return [.. words];
            },
        };
}
