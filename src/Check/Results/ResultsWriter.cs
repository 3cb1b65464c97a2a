namespace FunctionalGossip.Check.Results;

using FunctionalGossip.Edn;

/// <summary>Renders <see cref="CheckResults"/> as results.edn text or as JSON.</summary>
public static class ResultsWriter
{
    /// <summary>Pretty EDN in the shape (and fipp layout) of Maelstrom's results.edn, with the
    /// caller's <paramref name="extra"/> entries before <c>:valid?</c> (see
    /// <see cref="ResultsEdn.ToEdn"/>).</summary>
    public static string ToEdnText(CheckResults results, Edn.Map? extra = null) =>
        EdnPretty.Write(ResultsEdn.ToEdn(results, extra));

    /// <summary>
    /// JSON with the same keys: keyword keys lose the colon and trailing <c>?</c>
    /// (<c>"valid"</c>), <c>:unknown</c> becomes <c>"unknown"</c>, quantile keys are strings.
    /// </summary>
    public static string ToJson(CheckResults results, Edn.Map? extra = null) =>
        EdnJson.Write(ResultsEdn.ToEdn(results, extra));
}
