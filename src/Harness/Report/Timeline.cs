using System.Text;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Report;

using FunctionalGossip.Edn;

/// <summary>
/// The operation timeline, as Jepsen's timeline.html shows it: one lane per client process,
/// time running left to right, one box per operation from invocation to completion, coloured
/// by outcome (ok broadcast blue, ok read green, info orange, fail red, as in the plots), with
/// a tooltip giving the op; the nemesis's partition intervals are shaded across every lane.
/// An op still open when the history ends runs to the end and counts as info.
/// </summary>
internal static class Timeline
{
    private const double PxPerS = 120, MinWidth = 3;
    private const int Lane = 16, Left = 48, Top = 22, ValueChars = 80;

    /// <summary>Appends the timeline's SVG for <paramref name="history"/>.</summary>
    public static void Append(StringBuilder sb, IReadOnlyList<Op> history)
    {
        var ops = Pairs(history);
        var processes = ops.Select(o => o.Invoke.ClientNumber!.Value).Distinct().Order().ToList();
        var endS = Math.Max(1, Chart.EndS(history));
        var width = Left + endS * PxPerS + 20;
        var height = Top + processes.Count * Lane + 8;
        sb.Append($"<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" ")
            .Append($"width=\"{Html.N(width)}\" height=\"{height}\">\n");
        foreach (var (from, to) in Chart.NemesisIntervals(history))
            sb.Append($"<rect class=\"partition\" x=\"{X(from)}\" y=\"{Top}\" ")
                .Append($"width=\"{Html.N(Math.Max(1, (to - from) * PxPerS))}\" ")
                .Append($"height=\"{height - Top}\" fill=\"#f8dada\"><title>partition ")
                .Append($"{Html.N(from)} s to {Html.N(to)} s</title></rect>\n");
        Axis(sb, endS, height);
        for (var i = 0; i < processes.Count; i++)
            sb.Append($"<text x=\"4\" y=\"{Top + i * Lane + 12}\">p{processes[i]}</text>\n");
        foreach (var (invoke, done) in ops)
        {
            var lane = processes.IndexOf(invoke.ClientNumber!.Value);
            var toS = (done?.Time ?? history[^1].Time) / 1e9;
            var fromS = invoke.Time / 1e9;
            var type = done?.Type ?? OpType.Info;
            sb.Append($"<rect class=\"op {Op.TypeName(type)}\" data-index=\"{invoke.Index}\" ")
                .Append($"x=\"{X(fromS)}\" y=\"{Top + lane * Lane + 2}\" ")
                .Append($"width=\"{Html.N(Math.Max(MinWidth, (toS - fromS) * PxPerS))}\" ")
                .Append($"height=\"{Lane - 4}\" fill=\"{Colour(invoke, type)}\"><title>")
                .Append(Html.Esc(Tooltip(invoke, done, type))).Append("</title></rect>\n");
        }
        sb.Append("</svg>\n");
    }

    /// <summary>Every client invocation with its completion (null while open), in invocation
    /// order.</summary>
    public static List<(Op Invoke, Op? Done)> Pairs(IReadOnlyList<Op> history)
    {
        var open = new Dictionary<long, int>();
        var pairs = new List<(Op Invoke, Op? Done)>();
        foreach (var op in history)
        {
            if (op.ClientNumber is not { } p) continue;
            if (op.Type == OpType.Invoke)
            {
                open[p] = pairs.Count;
                pairs.Add((op, null));
            }
            else if (open.Remove(p, out var at)) pairs[at] = (pairs[at].Invoke, op);
        }
        return pairs;
    }

    private static string X(double s) => Html.N(Left + s * PxPerS);

    private static void Axis(StringBuilder sb, double endS, int height)
    {
        var step = Math.Max(1, (int)Math.Ceiling(endS / 40));
        for (var s = 0; s <= endS; s += step)
            sb.Append($"<line x1=\"{X(s)}\" x2=\"{X(s)}\" y1=\"{Top - 4}\" y2=\"{height}\" ")
                .Append($"stroke=\"#e4e4e4\"/><text x=\"{X(s)}\" y=\"12\">{s} s</text>\n");
    }

    /// <summary>The plots' colours.</summary>
    public static string Colour(Op invoke, OpType type) => type switch
    {
        OpType.Ok => invoke.IsF("read") ? "#3ca03c" : "#325ac8",
        OpType.Info => "#f0961e",
        _ => "#d22828",
    };

    private static string Tooltip(Op invoke, Op? done, OpType type)
    {
        var value = done is { Type: OpType.Ok } && invoke.IsF("read") ? done.Value : invoke.Value;
        var text = EdnWriter.Write(value);
        if (text.Length > ValueChars) text = text[..ValueChars] + "…";
        var span = done is null ? "still open at the end"
            : $"{(done.Time - invoke.Time) / 1e6:0.###} ms";
        return $"p{invoke.ClientNumber} {Chart.FName(invoke)} {text} → {Op.TypeName(type)}"
            + $"{(done?.Error is { } e ? " " + EdnWriter.Write(e) : "")}; invoked at "
            + $"{invoke.Time / 1e6:0.###} ms, {span} (index {invoke.Index})";
    }
}
