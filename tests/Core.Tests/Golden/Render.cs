using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;
using FunctionalGossip.Testing;

namespace FunctionalGossip.Core.Tests.Golden;

/// <summary>How a scenario shows what happened, built on Core's <see cref="Describe"/> and
/// <see cref="StateDiff"/>: one header line per step (time, node, input), then the outputs
/// (<c>→ dest body</c>, <c>timer</c>, <c>log</c>), then the state's changes (<c>Δ</c>).
/// </summary>
internal static class Render
{
    /// <summary>The lines of one step.</summary>
    public static IEnumerable<string> Step(Stepped s)
    {
        if (Idle(s) is { } idle)
        {
            yield return idle;
            yield break;
        }
        yield return $"{NowOf(s.Input)} {s.Node} {Input(s.Node, s.Input)}";
        foreach (var output in s.Outputs)
            if (Output(output) is { } line) yield return "  " + line;
        var changes = StateDiff.Between(s.Before, s.After);
        if (changes.IsEmpty) yield return "  (state unchanged)";
        foreach (var change in changes) yield return "  Δ " + change.Render();
    }

    /// <summary>A tick that only re-arms the timer, as one line: <c>400 n0 tick gossip:
    /// idle, next at 500</c>; null for any other step.</summary>
    private static string? Idle(Stepped s) =>
        s.Input is JournalEntry.Ticked t && s.Outputs.Filter(o => o is not NodeOutput.Journal)
            is var outs && outs.Count == 1 && outs.Head is NodeOutput.Timer timer
        && s.Before with { GossipDueMs = s.After.GossipDueMs } == s.After
            ? $"{t.NowMs} {s.Node} tick {t.Timer.Name()}: idle, next at {timer.AtMs}"
            : null;

    /// <summary>A pending line: <c>#7 n1→n0 gossip seq 1 [7] ack 0</c>.</summary>
    public static string Wire(NetLine w) => $"#{w.Id} {w.Src}→{w.Dest} {Body(w.Line)}";

    private static string Input(string node, JournalEntry input) =>
        Journaled.EventOf(input).Match(
        ev => ev is Event.Receive r
            ? $"← {r.Message.Src} {Describe.Body(r.Message.Body)}"
                + (r.Message.Dest == node ? "" : $" (addressed to {r.Message.Dest})")
            : Describe.Event(ev),
        () => input.ToString());

    private static string? Output(NodeOutput output) => output switch
    {
        NodeOutput.Stdout s => Codec.Decode(s.Line).Match(
            Right: m => $"→ {m.Dest} {Describe.Body(m.Body)}",
            Left: e => $"→ unreadable {e.Describe()}"),
        NodeOutput.Timer t => $"timer {t.Id.Name()} at {t.AtMs}",
        NodeOutput.Journal { Entry: JournalEntry.Logged l } => $"log {l.Text}",
        _ => null,
    };

    private static string Body(string line) => Codec.Decode(line).Match(
        Right: m => Describe.Body(m.Body), Left: e => $"unreadable {e.Describe()}");

    private static long NowOf(JournalEntry input) => input switch
    {
        JournalEntry.Received r => r.NowMs,
        JournalEntry.Ticked t => t.NowMs,
        JournalEntry.ReceivedTooLong t => t.NowMs,
        _ => 0,
    };
}
