namespace FunctionalGossip.Edn;

/// <summary>Order-insensitive equality and hashing for EDN maps and sets.</summary>
internal static class EdnEquality
{
    /// <summary>Hash of an ordered sequence, salted by collection kind.</summary>
    public static int SequenceHash(int salt, IEnumerable<Edn> items)
    {
        var hash = new HashCode();
        hash.Add(salt);
        foreach (var item in items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>Hash that ignores order (sum of element hashes).</summary>
    public static int UnorderedHash<T>(IEnumerable<T> items)
    {
        int sum = 17;
        foreach (var item in items) sum = unchecked(sum + (item?.GetHashCode() ?? 0));
        return sum;
    }

    /// <summary>True when both sets hold the same elements, in any order.</summary>
    public static bool SameElements(IReadOnlyCollection<Edn> a, IReadOnlyCollection<Edn> b)
    {
        if (a.Count != b.Count) return false;
        var counts = new Dictionary<Edn, int>();
        foreach (var x in a) counts[x] = counts.GetValueOrDefault(x) + 1;
        foreach (var y in b)
        {
            if (!counts.TryGetValue(y, out var n) || n == 0) return false;
            counts[y] = n - 1;
        }
        return true;
    }

    /// <summary>True when both maps hold the same key/value pairs, in any order.</summary>
    public static bool SameEntries(
        IReadOnlyCollection<KeyValuePair<Edn, Edn>> a,
        IReadOnlyCollection<KeyValuePair<Edn, Edn>> b)
    {
        if (a.Count != b.Count) return false;
        var lookup = new Dictionary<Edn, Edn>();
        foreach (var entry in a) lookup[entry.Key] = entry.Value;
        if (lookup.Count != a.Count) return false;
        foreach (var entry in b)
        {
            if (!lookup.TryGetValue(entry.Key, out var v) || !v.Equals(entry.Value)) return false;
        }
        return true;
    }
}
