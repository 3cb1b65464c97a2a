using FunctionalGossip.Core;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>The digest a node sends a fallback upstream: its values as ranges.</summary>
public class RangesTests
{
    [Fact]
    public void Of_CollapsesRuns_AndLacking_IsWhatTheRangesLeaveOut()
    {
        var set = toSet(new long[] { 1, 2, 3, 7, 9, 10 });
        Assert.Equal(new long[] { 1, 3, 7, 7, 9, 10 }, Ranges.Of(set));
        Assert.Equal(new long[] { 7, 10 }, Ranges.Lacking(set, toSeq(new long[] { 9, 9, 1, 3 })));
        Assert.Equal(new long[] { 1, 2, 3, 7, 9, 10 }, Ranges.Lacking(set, toSeq(new long[0])));
    }

    // A node in fallback that holds no value still sends a digest, so its upstream sends it
    // everything: the empty range [1, 0] leaves out every value, negative ones included.
    [Fact]
    public void Of_NoValues_IsTheEmptyRange_WhichLacksEverything()
    {
        Assert.Equal(new long[] { 1, 0 }, Ranges.Of(LanguageExt.Set<long>.Empty));
        var set = toSet(new long[] { -5, 0, 1, 42 });
        Assert.Equal(new long[] { -5, 0, 1, 42 }, Ranges.Lacking(set, Ranges.Nothing));
        Assert.Equal("nothing", Describe.Spans(Ranges.Nothing));
    }
}
