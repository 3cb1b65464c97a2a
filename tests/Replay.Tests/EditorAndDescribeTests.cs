using FunctionalGossip.Core;
using FunctionalGossip.Replay.Repl;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Replay.Tests;

/// <summary>The line editor's key handling, and the deterministic state description.</summary>
public class EditorAndDescribeTests
{
    private static ConsoleKeyInfo K(ConsoleKey key, char c = '\0', bool ctrl = false) =>
        new(c, key, false, false, ctrl);

    private static ConsoleKeyInfo C(char c) => new(c, ConsoleKey.A, false, false, false);

    private static EditLine Type(EditLine line, IReadOnlyList<string> history,
        params ConsoleKeyInfo[] keys)
    {
        foreach (var key in keys) line = EditLine.Key(line, key, history).Line;
        return line;
    }

    [Fact]
    public void Editing_LeftRightHomeEndBackspace()
    {
        var start = new EditLine("", 0, 0);
        var line = Type(start, [], C('s'), C('t'), C('p'), K(ConsoleKey.LeftArrow), C('e'),
            K(ConsoleKey.End), C(' '), C('2'), K(ConsoleKey.Home), C('x'), K(ConsoleKey.LeftArrow),
            K(ConsoleKey.Delete), K(ConsoleKey.End), K(ConsoleKey.Backspace), C('3'));
        Assert.Equal("step 3", line.Text);
        Assert.Equal(6, line.Cursor);
        Assert.True(EditLine.Key(line, K(ConsoleKey.Enter), []).Done);
        Assert.True(
            EditLine.Key(new EditLine("", 0, 0), K(ConsoleKey.D, '\u0004', ctrl: true), []).End);
        Assert.False(EditLine.Key(line, K(ConsoleKey.D, '\u0004', ctrl: true), []).End);
    }

    [Fact]
    public void History_UpAndDown()
    {
        string[] history = ["state", "goto 5"];
        var line = new EditLine("", 0, history.Length);
        line = Type(line, history, K(ConsoleKey.UpArrow));
        Assert.Equal("goto 5", line.Text);
        line = Type(line, history, K(ConsoleKey.UpArrow), K(ConsoleKey.UpArrow));
        Assert.Equal("state", line.Text);
        line = Type(line, history, K(ConsoleKey.DownArrow), K(ConsoleKey.DownArrow));
        Assert.Equal("", line.Text);
        Assert.Equal(2, line.HistoryIndex);
    }

    [Fact]
    public void Values_AreRangesInOrder()
    {
        Assert.Equal("-", Describe.Values([]));
        Assert.Equal("0-3 7 9-10", Describe.Values([10, 3, 2, 9, 7, 1, 0]));
        Assert.Equal("-2--1 5", Describe.Values([-1, 5, -2]));
    }

    [Fact]
    public void State_IsDeterministicAndComplete()
    {
        var s = NodeState.Initial(NodeSettings.Default) with
        {
            Membership = Some(new Membership("n1", toSeq(new[] { "n0", "n1", "n2" }))),
            Values = KnownValues.Of(4, 1, 2, 3),
            Peers = toMap(new[] { ("n0", PeerLink.Empty with
            {
                Unsent = toSet(new long[] { 4 }),
                InFlight = toMap(new[] { (3L, new Batch(toSet(new long[] { 1, 2 }), 250)) }),
                SentSeq = 3,
                AckedSeq = 2,
                RecvPrefix = 5,
                RecvAbove = toSet(new long[] { 7 }),
                AckDueMs = Some(2100L),
            }) }),
            GossipDueMs = 300,
            Upstream = "n0",
        };
        Assert.Equal("""
            node n1 of [n0 n1 n2]
            settings tick-ms=220 retry-ms=3000 ack-ms=2000 suspect-ms=800 fanout-per-s=2000 relay=star eager=up
            gossip-due 300 ms  upstream n0
            values (4): 1-4
            peers (1):
              n0: unsent (1) 4
                sent seq 3 (acked 2), received 1-5 and 7, ack due 2100 ms
                in flight seq 3 sent 250 ms: (2) 1-2
            """.ReplaceLineEndings("\n"), Describe.State(s));
        var diff = StateDiff.Between(NodeState.Initial(NodeSettings.Default), s)
            .Select(c => c.Render());
        Assert.Equal(new[]
        {
            "membership: none → n1 of [n0 n1 n2]", "values +[1-4]",
            "gossip-due: 0 ms → 300 ms", "upstream: none → n0", "peer n0: absent → relay peer", "peer n0 unsent +[4]",
            "peer n0 in-flight seq 3: none → [1-2] sent 250 ms",
            "peer n0 received: none → 1-5 and 7",
        }, diff);
        Assert.Empty(StateDiff.Between(s, s with { }));
    }
}
