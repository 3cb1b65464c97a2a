using FunctionalGossip.Core;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>KnownValues shares one index between versions that extend each other; these pin
/// down that every version still behaves as an immutable value.</summary>
public class KnownValuesTests
{
    [Fact]
    public void AnOlderVersionThatLearns_NeverSeesANewerVersionsValues()
    {
        var a = KnownValues.Of(3, 1, 2);
        var b = a.AddNew(toSeq(new long[] { 5, 1, 5 })).Known;
        // a is no longer the latest version: it forks.
        var c = a.AddNew(toSeq(new long[] { 6, 5000, -4 })).Known;
        var d = b.AddNew(toSeq(new long[] { 7 })).Known;
        Assert.Equal(new long[] { 3, 1, 2 }, a.InOrder);
        Assert.Equal(new long[] { 3, 1, 2, 5 }, b.InOrder);
        Assert.Equal(new long[] { 3, 1, 2, 6, 5000, -4 }, c.InOrder);
        Assert.Equal(new long[] { 3, 1, 2, 5, 7 }, d.InOrder);
        Assert.False(a.Contains(5) || a.Contains(6) || a.Contains(7));
        Assert.True(b.Contains(5) && !b.Contains(6) && !b.Contains(7));
        Assert.True(c.Contains(6) && c.Contains(5000) && c.Contains(-4) && !c.Contains(5));
        Assert.Equal(new long[] { -4, 1, 2, 3, 6, 5000 }, c);
        Assert.Equal(toSet(new long[] { 1, 2, 3, 5, 7 }), d.Set);
        Assert.True(d.ContainsAll(b.InOrder) && c.ContainsAll(new long[] { -4, 5000, 3 }));
        Assert.False(a.ContainsAll(b.InOrder) || b.ContainsAll(c.InOrder));
        Assert.True(a.ContainsAll(Seq<long>()));
    }

    [Fact]
    public void LearningNothingNew_GivesBackTheSameInstance_AndEqualityFollowsTheOrder()
    {
        var a = KnownValues.Of(1, 2);
        var (same, added) = a.AddNew(toSeq(new long[] { 2, 1 }));
        Assert.Same(a, same);
        Assert.True(added.IsEmpty);
        Assert.Equal(KnownValues.Of(1, 2), a);
        Assert.Equal(KnownValues.Of(1, 2).GetHashCode(), a.GetHashCode());
        Assert.NotEqual(KnownValues.Of(2, 1), a);
        Assert.Equal(KnownValues.Empty, KnownValues.Of());
    }
}
