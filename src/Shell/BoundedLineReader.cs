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
/// Reads \n-terminated UTF-8 lines from a byte stream, refusing to hold more than
/// <paramref name="maxChars"/> of one line in memory: a huge line is consumed and reported by
/// length, so no input can exhaust the node's memory. A final line without a newline still
/// counts. Reads up to <paramref name="bufferBytes"/> bytes at a time and decodes them itself,
/// so every complete line is handed on as soon as its bytes arrive: a <c>StreamReader</c>
/// asked for 4,096 characters kept reading after a full 4,096-byte read that decoded to fewer
/// (any multi-byte character), and so held complete lines back until more input came.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxChars, int bufferBytes)
{
    private readonly byte[] _bytes = new byte[bufferBytes];
    private readonly char[] _buffer = new char[Encoding.UTF8.GetMaxCharCount(bufferBytes)];
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private int _pos;
    private int _len;
    private bool _ended;

    public InputLine? Next()
    {
        var sb = new StringBuilder();
        long count = 0;
        var sawAny = false;
        while (true)
        {
            if (_pos == _len && !Fill()) return sawAny ? Finish(sb, count) : null;
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

    /// <summary>Decodes the next bytes the stream has (blocking only while it has none);
    /// false at the end of input. At the end an unfinished character decodes as U+FFFD, as
    /// a <c>StreamReader</c> would.</summary>
    private bool Fill()
    {
        _pos = 0;
        _len = 0;
        while (_len == 0 && !_ended)
        {
            var read = stream.Read(_bytes, 0, _bytes.Length);
            _ended = read == 0;
            _len = _decoder.GetChars(_bytes, 0, read, _buffer, 0, flush: _ended);
        }
        return _len > 0;
    }

    private InputLine Finish(StringBuilder sb, long count) =>
        count > maxChars ? new InputLine.TooLong(count) : new InputLine.Text(sb.ToString());
}
