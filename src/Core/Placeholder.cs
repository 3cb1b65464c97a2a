namespace FunctionalGossip.Core;

/// <summary>Placeholder until the core lands.</summary>
public static class Placeholder { }
