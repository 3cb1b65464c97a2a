namespace FunctionalGossip.Edn;

/// <summary>Where and why a parse failed; lines and columns count from 1.</summary>
public sealed record ParseError(string Message, int Line, int Column)
{
    /// <summary><c>line:column: message</c>.</summary>
    public override string ToString() => $"{Line}:{Column}: {Message}";
}

/// <summary>The outcome of a parse: a value or a <see cref="ParseError"/> (never an
/// exception).</summary>
public abstract record Parsed<T>
{
    private Parsed() { }

    /// <summary>The parse succeeded.</summary>
    public sealed record Ok(T Value) : Parsed<T>;

    /// <summary>The parse failed.</summary>
    public sealed record Failed(ParseError Error) : Parsed<T>;
}

/// <summary>A top-level form and the position where it starts.</summary>
public sealed record EdnForm(Edn Value, int Line, int Column);
