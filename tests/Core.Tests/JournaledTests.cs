using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using LanguageExt;
using static FunctionalGossip.Core.Tests.Fx;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>The per-input routine every driver shares (<see cref="Journaled.Apply"/>): whole
/// outcomes compared by equality, and the one defect policy.</summary>
public sealed class JournaledTests
{
    [Fact]
    public void AReadOfAnEmptyNode_IsJournaledRepliedAndItsReplyJournaled_InThatOrder()
    {
        var s = Hub();
        var line = """{"id":4,"src":"c1","dest":"n0","body":{"type":"read","msg_id":2}}""";
        var reply =
            """{"src":"n0","dest":"c1","body":{"type":"read_ok","messages":[],"in_reply_to":2}}""";
        var input = new JournalEntry.Received(50, line);
        var ev = Event.FromLine(50, line);
        Assert.Equal(new Applied(Some(ev), s, Node.Step(s, ev).Effects, Seq<NodeOutput>(
                new NodeOutput.Journal(input),
                new NodeOutput.Stdout(reply),
                new NodeOutput.Journal(new JournalEntry.Sent(50, reply)))),
            Journaled.Apply(s, input));
    }

    [Fact]
    public void AStrayReply_IsJournaledWithTheNodesNote()
    {
        var line = """{"src":"n1","dest":"n0","body":{"type":"broadcast_ok","in_reply_to":9}}""";
        var input = new JournalEntry.Received(7, line);
        var outputs = Journaled.Apply(Hub(), input).Outputs;
        Assert.Equal(Seq<NodeOutput>(
            new NodeOutput.Journal(input),
            new NodeOutput.Journal(new JournalEntry.Logged(7, "ignored broadcast_ok from n1"))),
            outputs);
    }

    [Fact]
    public void AnOverlongLine_IsUnreadable_AndATimerIsATick()
    {
        Assert.Equal(Some<Event>(new Event.Unreadable(3, "",
                new Core.Wire.LineError.TooLong(9))),
            Journaled.EventOf(new JournalEntry.ReceivedTooLong(3, 9)));
        Assert.Equal(Some<Event>(new Event.Tick(8, TimerId.Gossip)),
            Journaled.EventOf(new JournalEntry.Ticked(8, TimerId.Gossip)));
        Assert.True(Journaled.EventOf(new JournalEntry.Sent(1, "x")).IsNone);
    }

    [Fact]
    public void ADefect_KeepsTheState_AndIsANote()
    {
        var s = Hub();
        var t = Node.SafeStep(s, () => throw new InvalidOperationException("boom"));
        Assert.Equal(s, t.State);
        var note = Assert.IsType<Note.Defect>(
            Assert.IsType<Effect.Log>(Assert.Single(t.Effects)).About);
        Assert.StartsWith("internal error, input ignored: System.InvalidOperationException: boom",
            note.Describe());
        var journalled = JournalFormat.Format(new JournalEntry.Logged(9, note.Describe()));
        Assert.True(JournalFormat.IsDefect(journalled));
        Assert.Contains(JournalFormat.DefectMark, journalled);
    }

    [Fact]
    public void OnlyALogEntryOfADefect_IsADefect()
    {
        Assert.Equal(" log internal error, input ignored: ", JournalFormat.DefectMark);
        Assert.False(JournalFormat.IsDefect("9 recv x" + JournalFormat.DefectMark));
        Assert.False(JournalFormat.IsDefect("9 log ignored broadcast_ok from n1"));
        Assert.False(JournalFormat.IsDefect(JournalFormat.DefectMark.TrimStart()));
    }
}
