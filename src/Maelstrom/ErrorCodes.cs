namespace FunctionalGossip.Maelstrom;

/// <summary>One of Maelstrom's error codes (resources/errors.edn).</summary>
/// <param name="Code">The number in the <c>error</c> body.</param>
/// <param name="Name">Maelstrom's keyword for it, without the colon.</param>
/// <param name="Definite">Whether the operation is known not to have happened.</param>
public sealed record ErrorCodeInfo(long Code, string Name, bool Definite);

/// <summary>Maelstrom's error code table: the one the client reads replies with. Core's
/// <c>ErrorCode</c> names the codes this node sends; a test pins them to this table.</summary>
public static class ErrorCodes
{
    /// <summary>Every code, ascending.</summary>
    public static readonly IReadOnlyList<ErrorCodeInfo> All =
    [
        new(0, "timeout", false), new(1, "node-not-found", true),
        new(10, "not-supported", true), new(11, "temporarily-unavailable", true),
        new(12, "malformed-request", true), new(13, "crash", false), new(14, "abort", true),
        new(20, "key-does-not-exist", true), new(21, "key-already-exists", true),
        new(22, "precondition-failed", true), new(30, "txn-conflict", true),
    ];

    private static readonly Dictionary<long, ErrorCodeInfo> ByCode = All.ToDictionary(e => e.Code);

    /// <summary>The code's entry, or null for a code Maelstrom does not define.</summary>
    public static ErrorCodeInfo? Of(long code) => ByCode.GetValueOrDefault(code);
}
