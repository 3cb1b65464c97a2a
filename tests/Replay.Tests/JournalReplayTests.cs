using CsCheck;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Replay.Repl;

namespace FunctionalGossip.Replay.Tests;

/// <summary>Replaying journals written while driving the real Step reproduces the node.</summary>
public class JournalReplayTests
{
    private static readonly NodeSettings Settings = new(50, 300, new Relay.Star());

    private static JournaledCluster Cluster(int seed) =>
        new JournaledCluster(4, Settings, seed).Run(3000);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Replay_ReproducesEveryNodesFinalStateExactly(int seed)
    {
        var cluster = Cluster(seed);
        foreach (var id in cluster.Ids)
        {
            var recording = Support.Load(cluster.Journal(id));
            Assert.Equal(LogKind.Journal, recording.Kind);
            Assert.Equal(id, recording.Node);
            Assert.Equal(Settings, recording.Settings);
            Assert.Equal(0, recording.SkippedCount);
            var timeline = new Timeline(recording);
            Assert.Equal(cluster.States[id], timeline.StateAt(timeline.Length));
            Assert.True(cluster.States[id].Values.Count > 0);
        }
    }

    [Fact]
    public void Verify_ReportsNoDivergence_AndComparesEverySendLine()
    {
        var cluster = Cluster(4);
        foreach (var id in cluster.Ids)
        {
            var journal = cluster.Journal(id);
            var v = Verifier.Run(new Timeline(Support.Load(journal)));
            Assert.Null(v.First);
            Assert.Equal(journal.Count(l => JournalFormat.Parse(l).Case is JournalEntry.Sent),
                v.Compared);
            Assert.True(v.Compared > 10);
        }
    }

    [Fact]
    public void Verify_ReportsATamperedSendLine_AtItsStep()
    {
        var journal = Cluster(5).Journal("n0").ToList();
        var sends = journal.Select((l, i) => (l, i))
            .Where(x => x.l.Contains(" send ") && x.l.Contains("read_ok")).ToList();
        Assert.NotEmpty(sends);
        var (line, index) = sends[^1];
        journal[index] = line.Replace("\"messages\":[", "\"messages\":[999999,");
        var recording = Support.Load(journal);
        var v = Verifier.Run(new Timeline(recording));
        Assert.NotNull(v.First);
        Assert.Equal(journal[index][(journal[index].IndexOf(" send ") + 6)..], v.First!.Recorded);
        Assert.Equal(line[(line.IndexOf(" send ") + 6)..], v.First.Replayed);
        var inputLine = journal.FindLastIndex(index, l => l.Contains(" recv ")
            || l.Contains(" recvq ") || l.Contains(" tick ") || l.Contains(" toolong ")) + 1;
        Assert.Equal(inputLine, v.First.At.SourceLine);
    }

    [Fact]
    public void Verify_ReportsAMissingSendLine()
    {
        var journal = Cluster(6).Journal("n0").ToList(); // the hub: a broadcast_ok goes alone
        var index = journal.FindIndex(l => l.Contains(" send ") && l.Contains("broadcast_ok"));
        journal.RemoveAt(index);
        var v = Verifier.Run(new Timeline(Support.Load(journal)));
        Assert.NotNull(v.First);
        Assert.Equal("(nothing)", v.First!.Recorded);
        Assert.Contains("broadcast_ok", v.First.Replayed);
    }

    [Fact]
    public void BackAtTheEnd_EqualsTheFold_AndUsesASnapshot()
    {
        var recording = Support.Load(Cluster(7).Journal("n2"));
        Assert.True(recording.Steps.Length > 300);
        var session = new Session(recording);
        Support.Run(session, "goto end");
        Assert.Equal(Support.Fold(recording, recording.Steps.Length), session.Current.After);
        var before = session.Timeline.StepsComputed;
        var result = Support.Run(session, "back 1");
        Assert.IsType<Result.Moved>(result);
        Assert.Equal(recording.Steps.Length - 1, session.Current.Position);
        Assert.Equal(Support.Fold(recording, recording.Steps.Length - 1), session.Current.After);
        Assert.InRange(session.Timeline.StepsComputed - before, 1, Timeline.SnapshotInterval + 1);
        Assert.Equal(recording.Steps.Length / Timeline.SnapshotInterval + 1,
            session.Timeline.SnapshotCount);
    }

    [Fact]
    public void RandomSeeks_AlwaysEqualTheFoldFromScratch()
    {
        var recording = Support.Load(Cluster(8).Journal("n0"));
        var n = recording.Steps.Length;
        Gen.Int[0, n].Array[1, 12].Sample(positions =>
        {
            var session = new Session(recording);
            foreach (var p in positions)
            {
                var (before, snapshots) =
                    (session.Timeline.StepsComputed, session.Timeline.SnapshotCount);
                Support.Run(session, $"goto {p}");
                var snapshotted = p == 0 || (p - 1) / Timeline.SnapshotInterval < snapshots;
                if (snapshotted
                    && session.Timeline.StepsComputed - before > Timeline.SnapshotInterval)
                    return false;
                if (session.Current.After != Support.Fold(recording, p)) return false;
                if (p > 0 && session.Current.Before != Support.Fold(recording, p - 1)) return false;
            }
            return true;
        }, iter: 40);
    }

    [Fact]
    public void DiffAndEffects_DescribeTheLastStep()
    {
        var recording = Support.Load(Cluster(9).Journal("n0"));
        var session = new Session(recording);
        var moved = Support.Run(session, "until type broadcast");
        var at = Assert.IsType<Result.Moved>(moved).At;
        Assert.StartsWith("recv ", at.Event);
        var effects = Assert.IsType<Result.EffectsOf>(Support.Run(session, "effects"));
        Assert.Contains(effects.Emitted, e => e.Contains("broadcast_ok"));
        Assert.Equal(effects.Recorded, effects.Emitted.Where(e => e.StartsWith("send ")));
        var diff = Assert.IsType<Result.DiffOf>(Support.Run(session, "diff"));
        var input = Assert.IsType<Event.Receive>(session.Current.Event.Case);
        var broadcast = (Core.Wire.Body.Broadcast)input.Message.Body;
        var known = session.Current.Before.Values.Contains(broadcast.Message);
        Assert.Equal(!known, diff.Changes.Any(c =>
            c is Change.Set { What: "values" } s && s.Added.Contains(broadcast.Message)));
    }

    [Fact]
    public void FindValue_NamesTheFirstStepAndSender()
    {
        var recording = Support.Load(Cluster(10).Journal("n3"));
        var final = Support.Fold(recording, recording.Steps.Length);
        var value = final.Values.Max();
        var session = new Session(recording);
        var found = Assert.IsType<Result.Found>(Support.Run(session, $"find value {value}"));
        Assert.NotNull(found.At);
        var step = found.At!.Step;
        Assert.DoesNotContain(value, Support.Fold(recording, step - 1).Values);
        Assert.Contains(value, Support.Fold(recording, step).Values);
        var src = ((Event.Receive)Support.EventOf(recording.Steps[step - 1])).Message.Src;
        Assert.StartsWith(src + " (", found.From);
        var missing = Assert.IsType<Result.Found>(Support.Run(session, "find value -5"));
        Assert.Null(missing.At);
    }

    [Fact]
    public void GotoTime_IsTheStateAtThatTime()
    {
        var recording = Support.Load(Cluster(11).Journal("n1"));
        var session = new Session(recording);
        var middle = recording.Steps[recording.Steps.Length / 2].NowMs;
        Support.Run(session, $"goto t={middle}");
        var p = session.Current.Position;
        Assert.True(recording.Steps[p - 1].NowMs <= middle);
        Assert.True(p == recording.Steps.Length || recording.Steps[p].NowMs > middle);
        Support.Run(session, "goto 0");
        var until = Assert.IsType<Result.Moved>(Support.Run(session, $"until t>{middle}"));
        Assert.Equal(p + 1, until.At.Step);
    }
}
