using FunctionalGossip.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>Profiles are presets; every key=value overrides one setting of the preset,
/// wherever the profile word stands.</summary>
public class SettingsTests
{
    private static Either<string, NodeSettings> Parse(params string[] words) =>
        NodeSettings.Parse(words);

    [Fact]
    public void NoWords_GiveTheDefaultProfile() =>
        Assert.Equal(Right<string, NodeSettings>(NodeSettings.Default), Parse());

    [Fact]
    public void Profile_IsThePresetTheOtherWordsOverride_WhereverItStands()
    {
        var expected = Right<string, NodeSettings>(NodeSettings.Latency with { TickMs = 50 });
        Assert.Equal(expected, Parse("profile=latency", "tick-ms=50"));
        Assert.Equal(expected, Parse("tick-ms=50", "profile=latency"));
    }

    [Fact]
    public void TodaysSettings_KeepWorking() =>
        Assert.Equal(Right<string, NodeSettings>(NodeSettings.Default with
        {
            TickMs = 100, RetryMs = 1000, Relay = new Relay.Tree(4),
        }), Parse("tick-ms=100", "retry-ms=1000", "relay=tree4"));

    [Fact]
    public void Render_NamesEveryKey_AndParsesBack()
    {
        var s = NodeSettings.Latency with
        {
            AckMs = 0, Eager = Eager.None, FanoutPerS = 0, Probes = 4, DetourMs = 1234,
            SuspectMinMs = 150, SuspectDeviations = 4,
        };
        Assert.Equal("tick-ms=200 retry-ms=3000 ack-ms=0 suspect-ms=800 suspect-first-ms=600 "
            + "suspect-min-ms=150 suspect-deviations=4 fanout-per-s=0 probes=4 detour-ms=1234 "
            + "relay=total eager=none", s.Render());
        Assert.Equal(Right<string, NodeSettings>(s), Parse(s.Render().Split(' ')));
    }

    // Reference: "The node chooses its relay structure from the node count (a single hub cannot
    // fan out to 999 peers cheaply)" (issue 13): the tick stretches so one tick's batches to
    // every peer stay under fanout-per-s messages a second.
    [Theory]
    [InlineData(1, 220)]
    [InlineData(25, 220)]
    [InlineData(441, 220)]
    [InlineData(442, 220)]
    [InlineData(443, 221)]
    [InlineData(1000, 499)]
    public void TickStretchesWithTheNodeCount_BeyondTheFanoutBudget(int nodes, long tickMs) =>
        Assert.Equal(tickMs, NodeSettings.Default.TickMsFor(nodes));

    [Fact]
    public void FanoutBudgetZero_KeepsTheTickAtAnySize() =>
        Assert.Equal(220, (NodeSettings.Default with { FanoutPerS = 0 }).TickMsFor(1000));

    // Issue 10: each link times out on its own round trips, SRTT + suspect-deviations × RTTVAR
    // between suspect-min-ms and suspect-ms; both profiles start from 6 deviations and a
    // 300 ms floor.
    [Fact]
    public void SuspectMinMsAndDeviations_OverrideEitherProfile()
    {
        Assert.Equal((300L, 6L),
            (NodeSettings.Default.SuspectMinMs, NodeSettings.Default.SuspectDeviations));
        Assert.Equal((300L, 6L),
            (NodeSettings.Latency.SuspectMinMs, NodeSettings.Latency.SuspectDeviations));
        Assert.Equal(Right<string, NodeSettings>(NodeSettings.Default with
        {
            SuspectDeviations = 4,
        }), Parse("suspect-deviations=4"));
        Assert.Equal(600, NodeSettings.Default.SuspectFirstMs);
        Assert.Equal(Right<string, NodeSettings>(NodeSettings.Default with
        {
            SuspectFirstMs = 800,
        }), Parse("suspect-first-ms=800"));
        Assert.Equal(Right<string, NodeSettings>(NodeSettings.Latency with { SuspectMinMs = 0 }),
            Parse("profile=latency", "suspect-min-ms=0"));
        Assert.Equal(Right<string, NodeSettings>(NodeSettings.Default with
        {
            SuspectMinMs = 450, SuspectMs = 600,
        }), Parse("suspect-min-ms=450", "suspect-ms=600"));
    }

    [Theory]
    [InlineData("profile=fast", "profile=fast is not one of default, latency")]
    [InlineData("suspect-min-ms=-5", "suspect-min-ms=-5 must be an integer from 0 to 600000")]
    [InlineData("suspect-deviations=101",
        "suspect-deviations=101 must be an integer from 0 to 100")]
    [InlineData("ack-ms=-1", "ack-ms=-1 must be an integer from 0 to 600000")]
    [InlineData("eager=up,all", "eager=up,all is not one of none, up, all")]
    public void BadWords_AreRefusedWithAClearMessage(string word, string message) =>
        Assert.Equal(Left<string, NodeSettings>(message), Parse(word));
}
