using System.Buffers;
using System.Collections;
using System.Text;

namespace FunctionalGossip.Harness.Sim;

/// <summary>
/// An append-only log of lines kept as UTF-8 in large chunks, as a node's stderr file would
/// hold them. A simulated run writes about as many log bytes as network bytes; kept as
/// strings and entry objects they would survive every collection and be copied from
/// generation to generation, which once cost a fifth of a run. Chunks of 128 KiB live on the
/// large-object heap, which is never compacted, and the lines written into them die young.
/// Reading a line decodes it again. Given a <see cref="LogSpill"/>, a full chunk goes to its
/// file while the run's logs hold more than its threshold, and is read back when asked for.
/// </summary>
/// <param name="spill">Where full chunks go in a large run; none keeps every chunk.</param>
public sealed class Utf8LineLog(LogSpill? spill = null) : IReadOnlyList<string>
{
    private const int ChunkBytes = 128 * 1024;
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly List<byte[]?> _chunks = []; // null once spilled
    private readonly List<long> _spilledAt = []; // where in the spill file, or -1
    private readonly List<int> _chunkUsed = [];
    private readonly List<(int Chunk, int Offset, int Length)> _lines = [];

    /// <inheritdoc/>
    public int Count => _lines.Count;

    /// <summary>Total bytes of the file: every line and its newline.</summary>
    public long ByteCount { get; private set; }

    /// <summary>Appends the line <c>head + text</c> (no newline in either).</summary>
    public void Add(string head, string text)
    {
        var length = Utf8.GetByteCount(head) + Utf8.GetByteCount(text);
        if (_chunks.Count == 0 || _chunks[^1] is not { } open
            || _chunkUsed[^1] + length + 1 > open.Length)
        {
            if (_chunks.Count > 0) SpillLast();
            _chunks.Add(new byte[Math.Max(ChunkBytes, length + 1)]);
            _spilledAt.Add(-1);
            _chunkUsed.Add(0);
            spill?.Hold(_chunks[^1]!.Length);
        }
        var chunk = _chunks[^1]!;
        var start = _chunkUsed[^1];
        var at = start + Utf8.GetBytes(head, chunk.AsSpan(start));
        at += Utf8.GetBytes(text, chunk.AsSpan(at));
        chunk[at] = (byte)'\n';
        _lines.Add((_chunks.Count - 1, start, length));
        _chunkUsed[^1] = at + 1;
        ByteCount += length + 1;
    }

    /// <summary>Sends the last chunk to the spill file while the run's logs hold too much: a
    /// full one, or at the end of a run (<see cref="Settle"/>) the one being filled, after
    /// which a line goes into a new chunk.</summary>
    private void SpillLast()
    {
        if (spill is not { Over: true } || _chunks.Count == 0 || _chunks[^1] is not { } last)
            return;
        _spilledAt[^1] = spill.Write(last.AsSpan(0, _chunkUsed[^1]));
        spill.Hold(-last.Length);
        _chunks[^1] = null;
    }

    /// <summary>The run is over: the chunk being filled goes to the spill file too, if the
    /// run's logs hold too much.</summary>
    public void Settle() => SpillLast();

    /// <summary>The used bytes of chunk <paramref name="i"/>: in memory, or read back from the
    /// spill file into <paramref name="buffer"/>, rented from the pool (and grown) as needed;
    /// the caller returns it (<see cref="Return"/>). Fresh arrays of a chunk's size would go
    /// to the large-object heap, four hundred megabytes of them per pass at 1,000 nodes.
    /// </summary>
    private ReadOnlySpan<byte> Chunk(int i, ref byte[]? buffer)
    {
        var used = _chunkUsed[i];
        if (_chunks[i] is { } bytes) return bytes.AsSpan(0, used);
        if (buffer is null || buffer.Length < used)
        {
            Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(used);
        }
        spill!.Read(buffer.AsSpan(0, used), _spilledAt[i]);
        return buffer.AsSpan(0, used);
    }

    private static void Return(byte[]? buffer)
    {
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
    }

    private ReadOnlySpan<byte> Bytes(int chunk, int offset, int length)
    {
        if (_chunks[chunk] is { } bytes) return bytes.AsSpan(offset, length);
        var read = new byte[length];
        spill!.Read(read, _spilledAt[chunk] + offset);
        return read;
    }

    /// <summary>Appends one line.</summary>
    public void Add(string line) => Add("", line);

    /// <inheritdoc/>
    public string this[int index]
    {
        get
        {
            var (chunk, offset, length) = _lines[index];
            return Utf8.GetString(Bytes(chunk, offset, length));
        }
    }

    /// <summary>How many lines contain <paramref name="ascii"/> (an ASCII text) and satisfy
    /// <paramref name="holds"/> (when given), and the first of them: found in the UTF-8 bytes,
    /// so that the other lines are never decoded (a 1,000-node run's logs hold four hundred
    /// megabytes).</summary>
    public (int Count, string? First) Containing(string ascii, Func<string, bool>? holds = null)
    {
        var marker = Encoding.ASCII.GetBytes(ascii);
        var (count, first, line) = (0, (string?)null, 0);
        byte[]? buffer = null;
        try
        {
            for (var c = 0; c < _chunks.Count; c++)
            {
                var used = Chunk(c, ref buffer);
                for (var at = 0; at < used.Length;)
                {
                    var hit = used[at..].IndexOf(marker);
                    if (hit < 0) break;
                    line = LineAt(c, at + hit, line);
                    if (holds is null || holds(this[line]))
                    {
                        count++;
                        first ??= this[line];
                    }
                    at = _lines[line].Offset + _lines[line].Length + 1;
                }
            }
        }
        finally { Return(buffer); }
        return (count, first);
    }

    /// <summary>The index of the line holding byte <paramref name="offset"/> of chunk
    /// <paramref name="chunk"/>, searching from line <paramref name="from"/> on.</summary>
    private int LineAt(int chunk, int offset, int from)
    {
        int lo = from, hi = _lines.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            var (c, o, _) = _lines[mid];
            if (c < chunk || (c == chunk && o <= offset)) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>The file's bytes: every line followed by <c>\n</c>.</summary>
    public byte[] ToUtf8()
    {
        var bytes = new byte[ByteCount];
        var at = 0;
        byte[]? buffer = null;
        try
        {
            for (var i = 0; i < _chunks.Count; i++)
            {
                Chunk(i, ref buffer).CopyTo(bytes.AsSpan(at));
                at += _chunkUsed[i];
            }
        }
        finally { Return(buffer); }
        return bytes;
    }

    /// <summary>Writes the file's bytes (<see cref="ToUtf8"/>) to <paramref name="stream"/>
    /// chunk by chunk, with no copy of the whole file in between.</summary>
    public void WriteTo(Stream stream)
    {
        byte[]? buffer = null;
        try
        {
            for (var i = 0; i < _chunks.Count; i++) stream.Write(Chunk(i, ref buffer));
        }
        finally { Return(buffer); }
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < _lines.Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
