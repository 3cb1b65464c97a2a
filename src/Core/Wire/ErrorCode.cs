namespace FunctionalGossip.Core.Wire;

/// <summary>Maelstrom's reserved error codes that this node sends (resources/errors.edn).</summary>
public static class ErrorCode
{
    /// <summary>Definite: the operation is not implemented (an unknown <c>type</c>).</summary>
    public const int NotSupported = 10;

    /// <summary>Definite: cannot be done right now (e.g. a request before <c>init</c>).</summary>
    public const int TemporarilyUnavailable = 11;

    /// <summary>Definite: the request could not possibly have been processed.</summary>
    public const int MalformedRequest = 12;

    /// <summary>Definite: a generic failure known not to have happened.</summary>
    public const int Abort = 14;
}
