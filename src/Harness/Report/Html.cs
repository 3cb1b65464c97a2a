using System.Globalization;
using System.Text;

namespace FunctionalGossip.Harness.Report;

/// <summary>The few HTML rules the reports need: escaping and invariant numbers.</summary>
internal static class Html
{
    /// <summary>Text made safe for element content and double-quoted attributes.</summary>
    public static string Esc(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>A coordinate with at most one decimal, invariant culture.</summary>
    public static string N(double x) =>
        Math.Round(x, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The shared style sheet of the run report and the store index.</summary>
    public const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:100%}
        h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em}
        table{border-collapse:collapse}td,th{padding:2px 10px 2px 0;text-align:left;
        vertical-align:top}th{font-weight:600}
        .verdict{display:inline-block;padding:.3em .8em;border-radius:4px;font-weight:600}
        .valid{background:#d8f0d8;color:#145214}.invalid{background:#f6d4d4;color:#7a1010}
        .unknown{background:#f4ead0;color:#6b5200}
        code{background:#f3f3f3;padding:1px 4px;border-radius:3px}
        .scroll{overflow-x:auto;border:1px solid #ddd}
        .plots img{max-width:48%;vertical-align:top;margin:0 8px 8px 0;border:1px solid #eee}
        .legend span{margin-right:1em}.sw{display:inline-block;width:10px;height:10px;
        margin-right:4px}
        svg text{font:11px system-ui,sans-serif}
        #messages text{font-size:9px;paint-order:stroke;stroke:#fff;stroke-width:3px}
        #messages text.t{stroke:none}
        """;
}
