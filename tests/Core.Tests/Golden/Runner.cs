using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;
using FunctionalGossip.Testing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests.Golden;

/// <summary>
/// Runs the commands of one scenario on a <see cref="TestCluster"/> (Core's real
/// <see cref="Journaled.Apply"/>, explicit time, invariants checked after every step) and
/// renders what happened: per step the input, the outputs and the state's changes. The
/// commands are listed in README.md, "Golden scenarios".
/// </summary>
internal sealed class Runner
{
    private TestCluster? _cluster;

    private TestCluster Cluster =>
        _cluster ?? throw new InvalidOperationException("no cluster yet: start with init");

    /// <summary>The output of one case.</summary>
    public IReadOnlyList<string> Run(Case c)
    {
        var words = c.Command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var args = new Args(words.Skip(1).ToList());
        var output = words[0] switch
        {
            "init" => Init(args),
            "topology" => Steps(Topology(c.Input)),
            "broadcast" => Steps(Cluster.BroadcastValue(args.Node, args.Long("value"))),
            "read" => Steps(Cluster.Read(args.Node)),
            "raw" => Steps(c.Input.Aggregate(Seq<Stepped>(),
                (acc, line) => acc.Concat(Cluster.Input(args.Node, line)).Strict())),
            "advance" => Steps(Cluster.Advance(args.Long("ms"))),
            "tick" => Steps(Cluster.Tick(args.Node)),
            "deliver" => Move(args, w => Cluster.Deliver(w), "drop (cut)"),
            "duplicate" => Move(args, w => Cluster.Duplicate(w), "duplicate dropped (cut)"),
            "drop" => Move(args, w => Drop(w), "drop"),
            "pending" => Cluster.Pending.Select(Render.Wire).ToList(),
            "cut" => Links(() => Cluster.Cut(args.Bare(0), args.Bare(1))),
            "isolate" => Links(() => Cluster.Isolate(args.Bare(0))),
            "heal" => Links(Cluster.Heal),
            "state" => State(args),
            "stabilise" => Stabilise(args),
            _ => throw new FormatException($"unknown command '{words[0]}'"),
        };
        return output.Count == 0 ? ["ok"] : output;
    }

    private List<string> Init(Args args)
    {
        var settings = NodeSettings.Parse(args.Settings()).Match(
            Right: s => s, Left: e => throw new FormatException(e));
        _cluster = new TestCluster((int)args.Long("n"), settings);
        var skip = args.List("skip");
        var steps = Cluster.Ids.Filter(id => !skip.Contains(id))
            .Fold(Seq<Stepped>(), (acc, id) => acc.Concat(Cluster.Init(id)).Strict());
        return [$"settings {settings.Render()}", .. Steps(steps)];
    }

    /// <summary>Sends every node the topology given as input lines <c>n0: n1 n2</c>.
    /// </summary>
    private Seq<Stepped> Topology(IReadOnlyList<string> input)
    {
        var neighbours = toMap(input.Select(line => line.Split(':')).Select(p =>
            (p[0].Trim(), toSeq(p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)))));
        return Cluster.Ids.Fold(Seq<Stepped>(),
            (acc, id) => acc.Concat(Cluster.Topology(id, neighbours)).Strict());
    }

    private Seq<Stepped> Drop(NetLine w)
    {
        Cluster.Drop(w);
        return Seq<Stepped>();
    }

    /// <summary>Delivers, duplicates or drops the lines pending when the command starts that
    /// match <c>from=</c>, <c>to=</c> and <c>id=</c>, in send order, at most <c>count=</c> of
    /// them.</summary>
    private List<string> Move(Args args, Func<NetLine, Seq<Stepped>> act, string lost)
    {
        var from = args.Optional("from");
        var to = args.Optional("to");
        var id = args.Optional("id");
        var chosen = Cluster.Pending
            .Where(w => from.ForAll(f => f == w.Src) && to.ForAll(t => t == w.Dest)
                && id.ForAll(i => i == $"{w.Id}"))
            .Take(args.Optional("count").Match(int.Parse, () => int.MaxValue)).ToList();
        var output = new List<string>();
        foreach (var w in chosen)
        {
            var cut = Cluster.IsCut(w);
            var steps = act(w);
            if (cut || steps.IsEmpty) output.Add($"{lost} {Render.Wire(w)}");
            output.AddRange(Steps(steps));
        }
        return output;
    }

    private List<string> Links(Action change)
    {
        change();
        var cut = Cluster.Ids.SelectMany(a => Cluster.Ids.Where(b => string.CompareOrdinal(a, b) < 0
            && Cluster.IsCut(new NetLine(0, a, b, "")))
            .Select(b => $"{a}-{b}")).ToList();
        return [cut.Count == 0 ? "no links cut" : "cut " + string.Join(" ", cut)];
    }

    private List<string> State(Args args)
    {
        var nodes = args.Optional("node").Match(n => Seq1(n), () => Cluster.Ids);
        return nodes.SelectMany(n => Describe.State(Cluster[n]).Split('\n')).ToList();
    }

    private List<string> Stabilise(Args args)
    {
        var start = Cluster.Now;
        var rounds = args.Optional("rounds").Match(int.Parse, () => 100);
        var stable = Cluster.Stabilise(rounds);
        var lines = new List<string>
        {
            stable ? $"stable after {Cluster.Now - start} ms" : $"not stable after {rounds} rounds",
        };
        lines.AddRange(Cluster.Ids.Map(n =>
            $"{n} values ({Cluster[n].Values.Count}): {Describe.Values(Cluster[n].Values)}"));
        return lines;
    }

    private static List<string> Steps(Seq<Stepped> steps) => steps.SelectMany(Render.Step).ToList();
}
