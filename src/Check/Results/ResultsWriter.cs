using FunctionalGossip.Check.Format;

namespace FunctionalGossip.Check.Results;

/// <summary>Renders <see cref="CheckResults"/> as results.edn text or as JSON.</summary>
public static class ResultsWriter
{
    /// <summary>Pretty EDN in the shape (and fipp layout) of Maelstrom's results.edn.</summary>
    public static string ToEdnText(CheckResults results) =>
        EdnPretty.Write(ResultsEdn.ToEdn(results));

    /// <summary>
    /// JSON with the same keys: keyword keys lose the colon and trailing <c>?</c>
    /// (<c>"valid"</c>), <c>:unknown</c> becomes <c>"unknown"</c>, quantile keys are strings.
    /// </summary>
    public static string ToJson(CheckResults results) => EdnJson.Write(ResultsEdn.ToEdn(results));
}
