using System.Text;

namespace FunctionalGossip.Shell;

/// <summary>One input line, or the length of a line too long to keep.</summary>
internal abstract record InputLine
{
    private InputLine() { }
    public sealed record Text(string Line) : InputLine;
    public sealed record TooLong(long Chars) : InputLine;
}

/// <summary>
/// Reads \n-terminated lines, refusing to hold more than <paramref name="maxChars"/> of one
/// line in memory: a huge line is consumed and reported by length, so no input can exhaust
/// the node's memory. A final line without a newline still counts. Reads
/// <paramref name="bufferChars"/> characters at a time.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxChars, int bufferChars)
{
    private readonly char[] _buffer = new char[bufferChars];
    private int _pos;
    private int _len;

    public InputLine? Next()
    {
        var sb = new StringBuilder();
        long count = 0;
        var sawAny = false;
        while (true)
        {
            if (_pos == _len)
            {
                _len = reader.Read(_buffer, 0, _buffer.Length);
                _pos = 0;
                if (_len == 0) return sawAny ? Finish(sb, count) : null;
            }
            sawAny = true;
            var newline = Array.IndexOf(_buffer, '\n', _pos, _len - _pos);
            var end = newline < 0 ? _len : newline;
            count += end - _pos;
            if (count <= maxChars) sb.Append(_buffer, _pos, end - _pos);
            else sb.Clear();
            _pos = newline < 0 ? _len : newline + 1;
            if (newline >= 0) return Finish(sb, count);
        }
    }

    private InputLine Finish(StringBuilder sb, long count) =>
        count > maxChars ? new InputLine.TooLong(count) : new InputLine.Text(sb.ToString());
}
