using FunctionalGossip.Core;
using System.Text;

namespace FunctionalGossip.Replay.Repl;

/// <summary>Renders results as text for people (each result ends with a newline).</summary>
public static class TextOutput
{
    /// <summary>The text of one result.</summary>
    public static string Render(Result result) => result switch
    {
        Result.Moved m => m.At.Render() + "\n" + (m.Note.Length > 0 ? $"  ({m.Note})\n" : ""),
        Result.StateOf s => s.At.Render() + "\n" + Describe.State(s.State) + "\n",
        Result.DiffOf d => d.At.Render() + "\n" + (d.Changes.IsEmpty
            ? "  no change\n"
            : string.Concat(d.Changes.Select(c => $"  {c.Render()}\n"))),
        Result.EffectsOf e => RenderEffects(e),
        Result.Found f => f.At is null
            ? $"value {f.Value}: the node never knew it\n"
            : $"value {f.Value}: first known at step {f.At.Step} (t={f.At.NowMs} ms), "
              + $"from {f.From}\n"
              + $"  {f.At.Render()}\n",
        Result.PeerTable p => RenderPeers(p),
        Result.Verified v => RenderVerification(v.Verification),
        Result.Summarised s => RenderAudit(s.Audit),
        Result.HelpText h => h.Text + "\n",
        Result.Quitting => "",
        Result.Error e => $"error: {e.Message}\n",
        _ => throw new System.Diagnostics.UnreachableException(result.ToString()),
    };

    /// <summary>What a replay says when it opens: format, node, settings, counts, notes.</summary>
    public static string Banner(Recording r)
    {
        var sb = new StringBuilder();
        sb.Append($"replaying {r.KindName}, node {(r.Node.Length > 0 ? r.Node : "(unknown)")}, "
            + $"{r.Settings.Render()}\n");
        sb.Append($"{r.Steps.Length} steps ({r.Steps.Length - r.SynthesisedCount} recorded inputs, "
            + $"{r.SynthesisedCount} synthesised ticks); {r.SkippedCount} lines skipped as not "
            + $"understood, {r.OtherLines} other lines\n");
        foreach (var (reason, n) in r.Skipped) sb.Append($"  skipped {n}: {reason}\n");
        foreach (var note in r.Notes) sb.Append($"note: {note}\n");
        return sb.ToString();
    }

    private static string RenderEffects(Result.EffectsOf e)
    {
        var sb = new StringBuilder(e.At.Render()).Append('\n');
        if (e.Emitted.IsEmpty) sb.Append("  emitted nothing\n");
        foreach (var line in e.Emitted) sb.Append($"  {line}\n");
        if (e.Recorded.IsEmpty) sb.Append("  log recorded no output for this input\n");
        else sb.Append("  log recorded:\n");
        foreach (var line in e.Recorded) sb.Append($"    {line}\n");
        return sb.ToString();
    }

    private static string RenderPeers(Result.PeerTable p)
    {
        var sb = new StringBuilder(p.At.Render()).Append('\n');
        if (p.Rows.IsEmpty) sb.Append("  no relay peers\n");
        foreach (var row in p.Rows)
            sb.Append($"  {row.Peer}: {row.Unsent.Length} unsent, {row.InFlight} batches in flight"
                + (row.OldestSentAtMs >= 0 ? $" (oldest sent {row.OldestSentAtMs} ms)" : "")
                + $", owed {row.Owed.Length}: {Describe.Values(row.Owed)}\n");
        return sb.ToString();
    }

    private static string RenderVerification(Verification v)
    {
        if (v.First is null)
            return $"verify: no divergence; {v.Compared} outputs match ({v.Mode})\n";
        return $"verify: DIVERGES after {v.Compared} matching outputs ({v.Mode})\n"
            + $"  at {v.First.At.Render()}\n"
            + $"  recorded: {v.First.Recorded}\n"
            + $"  replayed: {v.First.Replayed}\n";
    }

    private static string RenderAudit(Audit a)
    {
        var sb = new StringBuilder(Banner(a.Recording));
        var rejected = a.Rejected.Values.Sum();
        sb.Append($"rejected {rejected} inputs (answered with an error or unreadable)\n");
        foreach (var (reason, n) in a.Rejected) sb.Append($"  {n}: {reason}\n");
        sb.Append($"ignored {a.Ignored.Values.Sum()} inputs\n");
        foreach (var (reason, n) in a.Ignored) sb.Append($"  {n}: {reason}\n");
        sb.Append($"final state holds {a.FinalValues} values\n");
        return sb.ToString();
    }
}
