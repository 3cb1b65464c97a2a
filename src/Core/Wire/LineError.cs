namespace FunctionalGossip.Core.Wire;

/// <summary>
/// Why an input line is not a message at all. Such a line gets no reply (there is nobody to
/// address one to); the node logs it and carries on.
/// </summary>
public abstract record LineError
{
    private LineError() { }

    /// <summary>A one-line human explanation.</summary>
    public abstract string Describe();

    /// <summary>The line is not valid JSON (including the empty line).</summary>
    public sealed record NotJson(string Detail) : LineError
    {
        /// <inheritdoc/>
        public override string Describe() => $"not JSON: {Detail}";
    }

    /// <summary>The line is JSON but not an object.</summary>
    public sealed record NotAnObject(string Kind) : LineError
    {
        /// <inheritdoc/>
        public override string Describe() => $"not a JSON object but {Kind}";
    }

    /// <summary>A required envelope field (<c>src</c>, <c>dest</c>, <c>body</c>) is
    /// absent.</summary>
    public sealed record MissingField(string Field) : LineError
    {
        /// <inheritdoc/>
        public override string Describe() => $"envelope has no '{Field}'";
    }

    /// <summary>An envelope field has the wrong JSON type.</summary>
    public sealed record IllTyped(string Field, string Expected) : LineError
    {
        /// <inheritdoc/>
        public override string Describe() => $"envelope field '{Field}' is not {Expected}";
    }

    /// <summary>The line was longer than the shell accepts; its content was not kept.</summary>
    public sealed record TooLong(long Chars) : LineError
    {
        /// <inheritdoc/>
        public override string Describe() => $"line of {Chars} characters exceeds the limit";
    }
}
