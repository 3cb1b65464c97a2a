using System.Text.Json;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Wire;

public static partial class Codec
{
    /// <summary>Maelstrom's schemas need integers: <c>1.0</c>, <c>"1"</c> and <c>null</c> are
    /// not <c>1</c>. A present but ill-typed <c>msg_id</c> leaves nothing to reply to.</summary>
    private static Got<Option<long>> ReadMsgId(JsonElement body) => OptInt(body, "msg_id");

    private static Got<long> Int(JsonElement b, string field) =>
        b.TryGetProperty(field, out var el) ? AsLong(el, field) : Missing<long>(field);

    private static Got<long> AsLong(JsonElement el, string field) =>
        el.ValueKind == JsonValueKind.Number && el.TryGetInt64(out var v)
            ? Got.Ok(v)
            : Got.Fail<long>($"'{field}' must be an integer, got {Shown(el)}");

    private static Got<Option<long>> OptInt(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Got.Ok(Option<long>.None);
        var v = AsLong(el, field);
        return v.Failed ? Got.Fail<Option<long>>(v.Error!) : Got.Ok(Some(v.Value));
    }

    private static Got<bool> OptBool(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Got.Ok(false);
        return el.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? Got.Ok(el.GetBoolean())
            : Got.Fail<bool>($"'{field}' must be a boolean, got {Shown(el)}");
    }

    private static Got<string> Str(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Missing<string>(field);
        return el.ValueKind == JsonValueKind.String
            ? Got.Ok(el.GetString()!)
            : Got.Fail<string>($"'{field}' must be a string, got {Shown(el)}");
    }

    private static Got<Option<string>> OptStr(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Got.Ok(Option<string>.None);
        return el.ValueKind == JsonValueKind.String
            ? Got.Ok(Some(el.GetString()!))
            : Got.Fail<Option<string>>($"'{field}' must be a string, got {Shown(el)}");
    }

    private static Got<Seq<string>> StrArray(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Missing<Seq<string>>(field);
        return StrArrayOf(el, field);
    }

    private static Got<Seq<string>> StrArrayOf(JsonElement el, string field)
    {
        if (el.ValueKind != JsonValueKind.Array)
            return Got.Fail<Seq<string>>($"'{field}' must be an array of strings");
        var items = new List<string>(el.GetArrayLength());
        foreach (var item in el.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                return Got.Fail<Seq<string>>(
                    $"'{field}' must hold only strings, got {Shown(item)}");
            items.Add(item.GetString()!);
        }
        return Got.Ok(toSeq(items).Strict());
    }

    private static Got<Seq<long>> IntArray(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Missing<Seq<long>>(field);
        if (el.ValueKind != JsonValueKind.Array)
            return Got.Fail<Seq<long>>($"'{field}' must be an array of integers");
        var items = new List<long>(el.GetArrayLength());
        foreach (var item in el.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v))
                return Got.Fail<Seq<long>>(
                    $"'{field}' must hold only integers, got {Shown(item)}");
            items.Add(v);
        }
        return Got.Ok(toSeq(items).Strict());
    }

    private static Got<Map<string, Seq<string>>> StrArrayMap(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Missing<Map<string, Seq<string>>>(field);
        if (el.ValueKind != JsonValueKind.Object)
            return Got.Fail<Map<string, Seq<string>>>($"'{field}' must be an object");
        var map = Map<string, Seq<string>>();
        foreach (var prop in el.EnumerateObject())
        {
            var neighbours = StrArrayOf(prop.Value, $"{field}.{prop.Name}");
            if (neighbours.Failed) return Got.Fail<Map<string, Seq<string>>>(neighbours.Error!);
            map = map.AddOrUpdate(prop.Name, neighbours.Value);
        }
        return Got.Ok(map);
    }

    private static Got<T> Missing<T>(string field) =>
        Got.Fail<T>($"missing field '{field}'");

    /// <summary>A short rendering of an offending value for error texts (never the whole of a
    /// huge array or string).</summary>
    private static string Shown(JsonElement el)
    {
        var text = el.ValueKind switch
        {
            JsonValueKind.Array => $"an array of {el.GetArrayLength()}",
            JsonValueKind.Object => "an object",
            _ => el.GetRawText(),
        };
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}

/// <summary>A decoded field: a value, or the reason there is none.</summary>
internal readonly record struct Got<T>(T Value, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>Constructors and combinators for <see cref="Got{T}"/>.</summary>
internal static class Got
{
    public static Got<T> Ok<T>(T value) => new(value, null);

    public static Got<T> Fail<T>(string error) => new(default!, error);

    public static Got<R> One<A, R>(Got<A> a, Func<A, R> make) =>
        a.Failed ? Fail<R>(a.Error!) : Ok(make(a.Value));

    public static Got<R> Both<A, B, R>(Got<A> a, Got<B> b, Func<A, B, R> make) =>
        a.Failed ? Fail<R>(a.Error!) : b.Failed ? Fail<R>(b.Error!) : Ok(make(a.Value, b.Value));
}
