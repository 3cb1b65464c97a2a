using System.Collections.Immutable;

namespace FunctionalGossip.Edn;

/// <summary>
/// The mutable position of one parse. Internal: failures travel as <see cref="ParseFailure"/>
/// and <see cref="EdnReader"/> turns them into <see cref="Parsed{T}.Failed"/> values.
/// </summary>
internal sealed partial class EdnCursor(string text)
{
    private const int MaxDepth = 500;
    private readonly string _text = text;
    private int _pos;
    private int _depth;

    /// <summary>Thrown inside the parser only; never escapes <see cref="EdnReader"/>.</summary>
    internal sealed class ParseFailure(ParseError error) : Exception(error.ToString())
    {
        public ParseError Error { get; } = error;
    }

    public int Line { get; private set; } = 1;
    public int Column { get; private set; } = 1;
    public bool AtEnd => _pos >= _text.Length;
    private char Peek => _text[_pos];

    public ParseFailure Error(string message) => new(new ParseError(message, Line, Column));

    private static ParseFailure ErrorAt(string message, int line, int column) =>
        new(new ParseError(message, line, column));

    private char Next()
    {
        char c = _text[_pos++];
        if (c == '\n') { Line++; Column = 1; }
        else Column++;
        return c;
    }

    private static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || c == ',';

    private static bool IsDelimiter(char c) =>
        IsWhitespace(c) || c is '(' or ')' or '[' or ']' or '{' or '}' or '"' or ';';

    /// <summary>Skips whitespace, commas, <c>;</c> comments and <c>#_</c> discarded
    /// forms.</summary>
    public void SkipWhitespace()
    {
        while (!AtEnd)
        {
            if (IsWhitespace(Peek)) Next();
            else if (Peek == ';') { while (!AtEnd && Peek != '\n') Next(); }
            else if (!TryDiscard()) return;
        }
    }

    /// <summary>Reads one form starting at the current (non-whitespace) position.</summary>
    public Edn ReadForm()
    {
        if (AtEnd) throw Error("unexpected end of input, expected a form");
        if (++_depth > MaxDepth) throw Error($"nesting deeper than {MaxDepth}");
        try
        {
            return ReadFormUnchecked();
        }
        finally
        {
            _depth--;
        }
    }

    private Edn ReadFormUnchecked()
    {
        var (line, column) = (Line, Column);
        char c = Peek;
        switch (c)
        {
            case '(': Next(); return new Edn.List(ReadItems(')', line, column));
            case '[': Next(); return VectorOf(ReadItems(']', line, column));
            case '{': Next(); return ReadMap(line, column);
            case ')' or ']' or '}': throw Error($"unexpected '{c}'");
            case '"': return new Edn.Str(ReadString());
            case '\\': return new Edn.Char(ReadChar());
            case '#': Next(); return ReadDispatch(line, column);
            case ':': return ReadKeyword();
            default: return ReadSymbolOrNumber();
        }
    }

    /// <summary>A vector of what was read: compact (<see cref="Edn.Vector.OfInts"/>) when
    /// it holds at least <see cref="CompactFrom"/> integers that all fit an <c>int</c>, as a
    /// stored history's reads do (a soak's history.edn holds over a hundred million values);
    /// either form is the same value.</summary>
    private static Edn.Vector VectorOf(ImmutableArray<Edn> items)
    {
        if (items.Length < CompactFrom) return new Edn.Vector(items);
        var ints = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not Edn.Int { Value: >= int.MinValue and <= int.MaxValue } n)
                return new Edn.Vector(items);
            ints[i] = (int)n.Value;
        }
        return Edn.Vector.Owning(ints);
    }

    private const int CompactFrom = 16;

    private ImmutableArray<Edn> ReadItems(char close, int line, int column)
    {
        var items = ImmutableArray.CreateBuilder<Edn>();
        while (true)
        {
            SkipWhitespace();
            if (AtEnd) throw ErrorAt($"unterminated collection: missing '{close}'", line, column);
            if (Peek == close) { Next(); return items.ToImmutable(); }
            items.Add(ReadForm());
        }
    }

    private Edn ReadMap(int line, int column)
    {
        var items = ReadItems('}', line, column);
        if (items.Length % 2 != 0)
            throw ErrorAt("map literal has an odd number of forms", line, column);
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<Edn, Edn>>(items.Length / 2);
        var seen = new HashSet<Edn>();
        for (int i = 0; i < items.Length; i += 2)
        {
            if (!seen.Add(items[i])) throw ErrorAt($"duplicate map key {items[i]}", line, column);
            entries.Add(new(items[i], items[i + 1]));
        }
        return new Edn.Map(entries.MoveToImmutable());
    }

    private Edn ReadDispatch(int line, int column)
    {
        if (AtEnd) throw ErrorAt("unexpected end of input after '#'", line, column);
        switch (Peek)
        {
            case '{':
                Next();
                var items = ReadItems('}', line, column);
                if (items.Distinct().Count() != items.Length)
                    throw ErrorAt("duplicate element in set literal", line, column);
                return new Edn.Set(items);
            case '#': Next(); return ReadSymbolic(line, column);
            default: return ReadTagged(line, column);
        }
    }

    /// <summary>Consumes a <c>#_</c> discard and the form after it; false if none here.</summary>
    private bool TryDiscard()
    {
        if (Peek != '#' || _pos + 1 >= _text.Length || _text[_pos + 1] != '_') return false;
        Next();
        Next();
        SkipWhitespace();
        ReadForm();
        return true;
    }

    private Edn ReadTagged(int line, int column)
    {
        if (IsDelimiter(Peek) || !char.IsLetter(Peek))
            throw ErrorAt($"unsupported dispatch '#{Peek}'", line, column);
        string tag = ReadToken();
        SkipWhitespace();
        if (AtEnd) throw ErrorAt($"tag #{tag} has no value", line, column);
        return new Edn.Tagged(tag, ReadForm());
    }

    private Edn ReadSymbolic(int line, int column)
    {
        string name = AtEnd ? "" : ReadToken();
        return name switch
        {
            "Inf" => new Edn.Float(double.PositiveInfinity),
            "-Inf" => new Edn.Float(double.NegativeInfinity),
            "NaN" => new Edn.Float(double.NaN),
            _ => throw ErrorAt($"unknown symbolic value ##{name}", line, column),
        };
    }
}
