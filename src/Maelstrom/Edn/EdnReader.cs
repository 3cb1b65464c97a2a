using System.Collections.Immutable;

namespace FunctionalGossip.Edn;

/// <summary>
/// Reads EDN text: nil/true/false, integers (with <c>N</c> for big ones), doubles
/// (<c>##Inf</c>, <c>##-Inf</c>, <c>##NaN</c>), ratios, strings with escapes, characters,
/// keywords, symbols, lists, vectors, maps, sets, <c>#tag value</c>, <c>#_</c> discards,
/// <c>;</c> comments and commas as whitespace. Failures are returned as values.
/// </summary>
public static class EdnReader
{
    /// <summary>Reads exactly one form (surrounding whitespace and comments allowed).</summary>
    public static Parsed<Edn> Read(string text) => Run(text, cursor =>
    {
        cursor.SkipWhitespace();
        if (cursor.AtEnd) throw cursor.Error("no EDN form found (empty input)");
        var value = cursor.ReadForm();
        cursor.SkipWhitespace();
        if (!cursor.AtEnd) throw cursor.Error("unexpected text after the EDN form");
        return value;
    });

    /// <summary>Reads every top-level form, with the position where each one starts.</summary>
    public static Parsed<ImmutableArray<EdnForm>> ReadAll(string text) => Run(text, cursor =>
    {
        var forms = ImmutableArray.CreateBuilder<EdnForm>();
        cursor.SkipWhitespace();
        while (!cursor.AtEnd)
        {
            var (line, column) = (cursor.Line, cursor.Column);
            forms.Add(new EdnForm(cursor.ReadForm(), line, column));
            cursor.SkipWhitespace();
        }
        return forms.ToImmutable();
    });

    private static Parsed<T> Run<T>(string text, Func<EdnCursor, T> read)
    {
        var cursor = new EdnCursor(text);
        try
        {
            return new Parsed<T>.Ok(read(cursor));
        }
        catch (EdnCursor.ParseFailure failure)
        {
            return new Parsed<T>.Failed(failure.Error);
        }
    }
}
