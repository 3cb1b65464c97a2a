using System.Globalization;
using System.Numerics;
using System.Text;

namespace FunctionalGossip.Edn;

internal sealed partial class EdnCursor
{
    /// <summary>Reads a run of non-delimiter characters (symbol, number, tag name).</summary>
    private string ReadToken()
    {
        int start = _pos;
        while (!AtEnd && !IsDelimiter(Peek)) Next();
        return _text[start.._pos];
    }

    private string ReadString()
    {
        var (line, column) = (Line, Column);
        Next();
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd) throw ErrorAt("unterminated string", line, column);
            char c = Next();
            if (c == '"') return sb.ToString();
            sb.Append(c == '\\' ? ReadEscape() : c);
        }
    }

    private char ReadEscape()
    {
        var (line, column) = (Line, Column - 1);
        if (AtEnd) throw ErrorAt("unterminated string escape", line, column);
        char c = Next();
        return c switch
        {
            't' => '\t',
            'r' => '\r',
            'n' => '\n',
            'b' => '\b',
            'f' => '\f',
            '\\' => '\\',
            '"' => '"',
            'u' => ReadHex4(line, column),
            _ => throw ErrorAt($"unsupported string escape '\\{c}'", line, column),
        };
    }

    private char ReadHex4(int line, int column)
    {
        if (_pos + 4 > _text.Length) throw ErrorAt("\\u escape needs 4 hex digits", line, column);
        string hex = _text.Substring(_pos, 4);
        if (!ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
            out var code))
            throw ErrorAt($"bad \\u escape '{hex}'", line, column);
        for (int i = 0; i < 4; i++) Next();
        return (char)code;
    }

    private char ReadChar()
    {
        var (line, column) = (Line, Column);
        Next();
        if (AtEnd) throw ErrorAt("character literal with no character", line, column);
        var first = Next();
        string rest = ReadToken();
        if (rest.Length == 0) return first;
        string name = first + rest;
        return name switch
        {
            "newline" => '\n',
            "space" => ' ',
            "tab" => '\t',
            "return" => '\r',
            "formfeed" => '\f',
            "backspace" => '\b',
            _ when name.Length == 5 && name[0] == 'u'
                && ushort.TryParse(name[1..], NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture, out var u)
                => (char)u,
            _ => throw ErrorAt($"unknown character literal '\\{name}'", line, column),
        };
    }

    private Edn ReadKeyword()
    {
        var (line, column) = (Line, Column);
        Next();
        string name = AtEnd ? "" : ReadToken();
        if (name.Length == 0) throw ErrorAt("keyword with no name", line, column);
        if (name.StartsWith(':'))
            throw ErrorAt($"auto-resolved keyword ::{name[1..]} is not EDN", line, column);
        return new Edn.Keyword(name);
    }

    private Edn ReadSymbolOrNumber()
    {
        var (line, column) = (Line, Column);
        string token = ReadToken();
        if (token.Length == 0) throw ErrorAt($"unexpected character '{Peek}'", line, column);
        bool numeric = char.IsAsciiDigit(token[0])
            || (token.Length > 1 && token[0] is '+' or '-' && char.IsAsciiDigit(token[1]));
        if (numeric) return ParseNumber(token, line, column);
        return token switch
        {
            "nil" => Edn.Nil.Value,
            "true" => new Edn.Bool(true),
            "false" => new Edn.Bool(false),
            _ => new Edn.Symbol(token),
        };
    }
}
