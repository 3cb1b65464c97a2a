namespace FunctionalGossip.Maelstrom;

/// <summary>Who is who on Maelstrom's network, by id.</summary>
public static class Ids
{
    /// <summary>Whether <paramref name="id"/> names a client (<c>c1</c>, <c>c2</c>, …):
    /// Maelstrom tells clients from nodes by the first character (net.clj
    /// <c>involves-client?</c>; client.clj names them <c>c</c> + a counter). Used by the
    /// checker's net stats, the network's zero client latency, the envelope reader, the
    /// process transport and replay's jepsen.log reader alike.</summary>
    public static bool IsClient(string id) => IsClient(id.AsSpan());

    /// <summary><see cref="IsClient(string)"/> on an id inside a longer text, without
    /// copying it out.</summary>
    public static bool IsClient(ReadOnlySpan<char> id) => !id.IsEmpty && id[0] == ClientPrefix;

    /// <summary>The first character of a client id.</summary>
    public const char ClientPrefix = 'c';

    /// <summary>The client id for counter <paramref name="n"/> (one global counter).</summary>
    public static string Client(long n) => ClientPrefix + n.ToString(
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The services Maelstrom registers as network nodes beside the test's own
    /// (net.clj / services.clj).</summary>
    public static readonly IReadOnlyList<string> Services =
        ["lin-kv", "seq-kv", "lww-kv", "lin-tso"];

    /// <summary>Whether <paramref name="id"/> is a server node of the test: neither a client
    /// nor a service.</summary>
    public static bool IsNode(string id) => !IsClient(id) && !Services.Contains(id);
}
