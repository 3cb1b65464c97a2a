using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;

namespace FunctionalGossip.Check.Tests;

using FunctionalGossip.Edn;

public class OtherCheckerTests
{
    [Theory]
    [InlineData(new[] { Validity.Valid, Validity.Unknown }, Validity.Unknown)]
    [InlineData(new[] { Validity.Unknown, Validity.Invalid, Validity.Valid }, Validity.Invalid)]
    [InlineData(new[] { Validity.Valid, Validity.Valid }, Validity.Valid)]
    [InlineData(new Validity[0], Validity.Valid)]
    public void Merge_FalseBeatsUnknownBeatsTrue(Validity[] verdicts, Validity expected) =>
        Assert.Equal(expected, Validities.Merge(verdicts));

    // Reference: stats-fold marks an f valid iff (pos? oks); kafka/stats-checker keeps false.
    [Fact]
    public void Stats_AllReadsFailed_IsInvalid_AndCountsOnlyClientCompletions()
    {
        var h = new TestHistory()
            .Broadcast(0, 1, 0)
            .InvokeRead(1, 2).FailRead(1, 3)
            .Nemesis("start-partition", Edn.Kw("one"), 4);
        var r = Stats.Check(h.Ops);
        Assert.Equal(Validity.Invalid, r.Valid);
        Assert.Equal(new OpCounts(Validity.Valid, 2, 1, 1, 0),
            r.All); // :valid? here is replaced by the merge
        Assert.Equal(["broadcast", "read"], r.ByF.Select(kv => ((Edn.Keyword)kv.Key).Name));
        Assert.Equal(new OpCounts(Validity.Invalid, 1, 0, 1, 0), r.ByF[1].Value);
    }

    [Fact]
    public void Stats_EveryFHasAnOk_IsValid()
    {
        var h = new TestHistory().Broadcast(0, 1, 0).Read(1, 2, 1).InvokeRead(1, 5).FailRead(1, 6);
        Assert.Equal(Validity.Valid, Stats.Check(h.Ops).Valid);
    }

    [Fact]
    public void Availability_IsAlwaysValidWithoutGoal_AndComparesTheOkFractionWithOne()
    {
        var h = new TestHistory().Broadcast(0, 1, 0).InvokeRead(1, 2).FailRead(1, 3);
        var none = Availability.Check(h.Ops, AvailabilityGoal.None.Value);
        Assert.Equal(Validity.Valid, none.Valid);
        Assert.Equal(0.5f, none.OkFraction);
        Assert.Equal(Validity.Invalid, Availability.Check(h.Ops,
            AvailabilityGoal.Total.Value).Valid);
        Assert.Equal(Validity.Valid, Availability.Check(h.Ops,
            new AvailabilityGoal.AtLeast(0.5)).Valid);
        Assert.Equal(Validity.Invalid, Availability.Check(h.Ops,
            new AvailabilityGoal.AtLeast(0.6)).Valid);
    }

    [Fact]
    public void Availability_WithNoInvocations_ReportsTheInteger1()
    {
        var r = Availability.Check([], AvailabilityGoal.None.Value);
        Assert.Null(r.OkFraction);
        Assert.Equal("{:valid? true, :ok-fraction 1}", ResultsEdn.Availability(r).ToString());
    }

    [Fact]
    public void Net_CountsGroups_AndDividesDistinctMessagesByNonNemesisInvocations()
    {
        var h = new TestHistory()
            .Broadcast(0, 1, 0)
            .Nemesis("start-partition", Edn.Kw("one"), 1)
            .InvokeRead(1, 2, final: true).OkRead(1, 3, 1);
        NetEvent[] journal =
        [
            new(0, true, "c1", "n0"), new(0, false, "c1", "n0"),
            new(1, true, "n0", "n1"), new(1, false, "n0", "n1"),
            new(2, true, "n0", "lin-kv"),                       // never delivered
            new(3, true, "n1", "c2"), new(3, false, "n1", "c2"),
        ];
        var r = NetStats.Check(h.Ops, journal);
        Assert.Equal(new NetGroupStats(4, 3, 4, 2f), r.All);
        Assert.Equal(new NetGroupStats(2, 2, 2, null), r.Clients);
        Assert.Equal(new NetGroupStats(2, 1, 2, 1f), r.Servers);
        Assert.Null(NetStats.Check([], journal).All.MsgsPerOp);
    }

    [Fact]
    public void Exceptions_GroupInfoOpsByFirstViaType()
    {
        var exception = Edn.KwMap(("via", Edn.VectorOf([Edn.KwMap(("type",
            new Edn.Symbol("java.io.IOException")))])));
        var crashed = new Op(1, 5, OpType.Info, new OpProcess.Client(0), Edn.Kw("broadcast"),
            Edn.Of(1),
            Edn.Of("indeterminate: boom"), Extra: Edn.KwMap(("exception", exception)));
        var r = Exceptions.Check([crashed]);
        var group = Assert.Single(r.Groups);
        Assert.Equal(1, group.Count);
        Assert.Equal(new Edn.Symbol("java.io.IOException"), group.Class);
        Assert.Equal(crashed, group.Example);
    }

    [Fact]
    public void Results_AreDeterministic_AndComparedByValue()
    {
        var h = new TestHistory().Broadcast(0, 1, 0).Read(1, 5).Read(1, 9, 1).Ops;
        Assert.Equal(BroadcastChecker.Check(h), BroadcastChecker.Check([.. h]));
        Assert.NotEqual(BroadcastChecker.Check(h),
            BroadcastChecker.Check(h.RemoveAt(h.Length - 1)));
    }

    [Fact]
    public void Json_UsesPlainKeys_ValidWithoutQuestionMark_UnknownAsString()
    {
        var results = BroadcastChecker.Check([]);
        var json = System.Text.Json.JsonDocument.Parse(ResultsWriter.ToJson(results)).RootElement;
        Assert.Equal("unknown", json.GetProperty("valid").GetString());
        Assert.Equal("unknown", json.GetProperty("workload").GetProperty("valid").GetString());
        Assert.Equal(0, json.GetProperty("workload").GetProperty("attempt-count").GetInt32());
        Assert.False(json.TryGetProperty("net", out _));
        var withNet = BroadcastChecker.Check(new TestHistory().Broadcast(0, 1, 0).Read(1, 5, 1).Ops,
            [new NetEvent(0, true, "n0", "n1")]);
        var json2 = System.Text.Json.JsonDocument.Parse(ResultsWriter.ToJson(withNet)).RootElement;
        Assert.Equal(0.5,
            json2.GetProperty("net").GetProperty("servers").GetProperty("msgs-per-op").GetDouble());
        Assert.Equal(0,
            json2.GetProperty("workload").GetProperty("stable-latencies")
                .GetProperty("0.5").GetInt64());
        Assert.True(json2.GetProperty("valid").GetBoolean());
    }
}
