namespace FunctionalGossip.Core.Tests;

/// <summary>
/// Case counts for the properties. An explicit <c>iter:</c> argument beats CsCheck's own
/// <c>CsCheck_Iter</c> environment variable, so the suite's counts go through here: the default
/// keeps CI fast, and <c>CsCheck_Iter=N</c> gives a deep run of N cases per property.
/// </summary>
internal static class PropertyBudget
{
    public static long Iter(long suiteDefault) =>
        long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out var n) && n > 0
            ? n
            : suiteDefault;
}
