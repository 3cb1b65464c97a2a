using System.Text;

namespace FunctionalGossip.Shell;

/// <summary>
/// A byte stream written a whole batch at a time: text is encoded (UTF-8) into one buffer,
/// which <see cref="Flush"/> hands to the stream in a single write. A <c>StreamWriter</c>
/// with a small buffer cut a <c>read_ok</c> of 30,000 values (170 kB) into 42 writes of
/// 4 KiB on stdout and as many on stderr, each a system call and, on a pipe, a wake-up of
/// the reader; here it is one write each. The buffer starts small (every byte of it is zeroed
/// before <c>init</c> is answered) and grows to the largest batch, then stays.
/// </summary>
internal sealed class Utf8Sink(Stream stream, int initialBytes)
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private byte[] _buffer = new byte[initialBytes];
    private int _count;

    /// <summary>Appends <paramref name="text"/>.</summary>
    public void Write(string text)
    {
        Reserve(Utf8.GetByteCount(text));
        _count += Utf8.GetBytes(text, 0, text.Length, _buffer, _count);
    }

    /// <summary>Appends a newline.</summary>
    public void NewLine()
    {
        Reserve(1);
        _buffer[_count++] = (byte)'\n';
    }

    /// <summary>Writes what was appended to the stream and flushes it.</summary>
    public void Flush()
    {
        if (_count > 0) stream.Write(_buffer, 0, _count);
        _count = 0;
        stream.Flush();
    }

    private void Reserve(int bytes)
    {
        if (_count + bytes <= _buffer.Length) return;
        var grown = new byte[Math.Max(_count + bytes, 2 * _buffer.Length)];
        _buffer.AsSpan(0, _count).CopyTo(grown);
        _buffer = grown;
    }
}
