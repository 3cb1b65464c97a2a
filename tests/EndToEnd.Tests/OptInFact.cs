namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>A fact for deep runs only: it runs when the environment variable
/// <c>variable</c> is 1 and is reported as skipped, naming the variable, otherwise.</summary>
public sealed class OptInFactAttribute : FactAttribute
{
    public OptInFactAttribute(string variable, string why)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1")
            Skip = $"opt-in ({why}): set {variable}=1 to run it";
    }
}
