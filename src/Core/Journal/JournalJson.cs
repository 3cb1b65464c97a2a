using System.Text.Json.Serialization;

namespace FunctionalGossip.Core.Journal;

/// <summary>Source-generated JSON for journal strings (no reflection, so Native AOT stays
/// warning-free).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class JournalJson : JsonSerializerContext;
