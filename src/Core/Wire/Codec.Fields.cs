using System.Text.Json;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Wire;

public static partial class Codec
{
    /// <summary>Maelstrom's schemas need integers: <c>1.0</c>, <c>"1"</c> and <c>null</c> are
    /// not <c>1</c>. A present but ill-typed <c>msg_id</c> leaves nothing to reply to.</summary>
    private static Either<string, Option<long>> ReadMsgId(JsonElement body)
    {
        if (!body.TryGetProperty("msg_id", out var el)) return Right<string, Option<long>>(None);
        return AsLong(el, "msg_id").Map(Some);
    }

    private static Either<string, long> Int(JsonElement b, string field) =>
        b.TryGetProperty(field, out var el) ? AsLong(el, field) : Missing<long>(field);

    private static Either<string, long> AsLong(JsonElement el, string field) =>
        el.ValueKind == JsonValueKind.Number && el.TryGetInt64(out var v)
            ? Right<string, long>(v)
            : Left<string, long>($"'{field}' must be an integer, got {Shown(el)}");

    private static Either<string, string> Str(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Missing<string>(field);
        return el.ValueKind == JsonValueKind.String
            ? Right<string, string>(el.GetString()!)
            : Left<string, string>($"'{field}' must be a string, got {Shown(el)}");
    }

    private static Either<string, Option<string>> OptStr(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Right<string, Option<string>>(None);
        return el.ValueKind == JsonValueKind.String
            ? Right<string, Option<string>>(Some(el.GetString()!))
            : Left<string, Option<string>>($"'{field}' must be a string, got {Shown(el)}");
    }

    private static Either<string, Seq<string>> StrArray(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Missing<Seq<string>>(field);
        return StrArrayOf(el, field);
    }

    private static Either<string, Seq<string>> StrArrayOf(JsonElement el, string field)
    {
        if (el.ValueKind != JsonValueKind.Array)
            return Left<string, Seq<string>>($"'{field}' must be an array of strings");
        var items = new List<string>(el.GetArrayLength());
        foreach (var item in el.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                return Left<string, Seq<string>>(
                    $"'{field}' must hold only strings, got {Shown(item)}");
            items.Add(item.GetString()!);
        }
        return Right<string, Seq<string>>(toSeq(items).Strict());
    }

    private static Either<string, Seq<long>> IntArray(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Missing<Seq<long>>(field);
        if (el.ValueKind != JsonValueKind.Array)
            return Left<string, Seq<long>>($"'{field}' must be an array of integers");
        var items = new List<long>(el.GetArrayLength());
        foreach (var item in el.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v))
                return Left<string, Seq<long>>(
                    $"'{field}' must hold only integers, got {Shown(item)}");
            items.Add(v);
        }
        return Right<string, Seq<long>>(toSeq(items).Strict());
    }

    private static Either<string, Map<string, Seq<string>>> StrArrayMap(JsonElement b, string field)
    {
        if (!b.TryGetProperty(field, out var el)) return Missing<Map<string, Seq<string>>>(field);
        if (el.ValueKind != JsonValueKind.Object)
            return Left<string, Map<string, Seq<string>>>($"'{field}' must be an object");
        var map = Map<string, Seq<string>>();
        foreach (var prop in el.EnumerateObject())
        {
            var neighbours = StrArrayOf(prop.Value, $"{field}.{prop.Name}");
            if (neighbours.IsLeft) return neighbours.Map(_ => map);
            map = map.AddOrUpdate(prop.Name, (Seq<string>)neighbours);
        }
        return Right<string, Map<string, Seq<string>>>(map);
    }

    private static Either<string, T> Missing<T>(string field) =>
        Left<string, T>($"missing field '{field}'");

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
