using System.Buffers;
using System.Text;

namespace FunctionalGossip.Maelstrom;

/// <summary>Reads a text's UTF-8 bytes (as given to a <see cref="Utf8Scratch.Read{T}"/>
/// caller).</summary>
/// <typeparam name="T">What is read from them.</typeparam>
public delegate T Utf8Reader<out T>(ReadOnlySpan<byte> utf8);

/// <summary>
/// Transcodes a string into a pooled buffer for a one-pass <c>Utf8JsonReader</c>: every node
/// line and every reply body is read this way, so a fresh array per line would be most of what
/// reading costs. Texts over 1 MiB get their own array rather than one kept in the pool.
/// </summary>
public static class Utf8Scratch
{
    private const int PooledChars = 1 << 20;

    /// <summary>What <paramref name="read"/> makes of <paramref name="text"/>'s UTF-8 bytes,
    /// which are valid only during the call.</summary>
    public static T Read<T>(string text, Utf8Reader<T> read)
    {
        if (text.Length > PooledChars) return read(Encoding.UTF8.GetBytes(text));
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return read(rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
