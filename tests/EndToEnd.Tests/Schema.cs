using System.Text.Json;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>
/// Judges a node's stdout line as Maelstrom does, with the harness's own readers (one
/// definition: <see cref="EnvelopeParser"/> for the envelope, <see cref="ClientReplies"/> for
/// a client's reply), plus one promise of this node that is stricter than Maelstrom: every
/// integer it writes fits a long.
/// </summary>
public static class Schema
{
    private static readonly HashSet<string> ReplyTypes =
        ["init_ok", "topology_ok", "broadcast_ok", "read_ok"];

    /// <summary>Null if valid, else the reason.</summary>
    public static string? Violation(string line)
    {
        var (envelope, error) = EnvelopeParser.Parse(line);
        if (envelope is null) return error;
        if (Ids.IsClient(envelope.Dest) && ReplyViolation(envelope.BodyJson) is { } reply)
            return reply;
        return LongsOnly(envelope.BodyJson);
    }

    private static string? ReplyViolation(string bodyJson)
    {
        var body = ReplyBody.Parse(bodyJson);
        if (body.Type == "error")
            return ClientReplies.Judge(body, "error") is ReplyOutcome.Error ? null : "bad error";
        if (body.Type is not { } type || !ReplyTypes.Contains(type))
            return $"unexpected reply type {body.Type}";
        return ClientReplies.Judge(body, type) switch
        {
            ReplyOutcome.Ok => null,
            ReplyOutcome.Malformed m => m.Reason,
            var other => other.ToString(),
        };
    }

    /// <summary>This node's promise: every number it writes is an integer that fits a
    /// long (Maelstrom would also accept a bigger integer).</summary>
    private static string? LongsOnly(string bodyJson)
    {
        using var doc = JsonDocument.Parse(bodyJson);
        return Numbers(doc.RootElement).All(n => n.TryGetInt64(out _)) ? null
            : "a number that is not an integer fitting a long";
    }

    private static IEnumerable<JsonElement> Numbers(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => [e],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Numbers),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Numbers(p.Value)),
        _ => [],
    };
}
