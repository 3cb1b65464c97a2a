using System.Text;

namespace FunctionalGossip.Edn;

/// <summary>
/// Pretty-prints EDN the way fipp's <c>pprint</c> does (which Jepsen uses for results.edn):
/// a collection is written on one line if it ends at or before column <c>width</c>
/// (default 70); otherwise each element goes on its own line, aligned after the opening
/// bracket, with map entries separated by <c>,</c>. A tagged value is <c>#tag</c> followed
/// by its value. The output ends with a newline.
/// </summary>
public static class EdnPretty
{
    /// <summary>fipp's default line width.</summary>
    public const int DefaultWidth = 70;

    /// <summary>Pretty text of <paramref name="value"/>, newline-terminated.</summary>
    public static string Write(Edn value, int width = DefaultWidth)
    {
        var sb = new StringBuilder();
        Render(sb, value, 0, width);
        return sb.Append('\n').ToString();
    }

    /// <summary>Appends <paramref name="value"/> starting at <paramref name="column"/>; returns the
    /// end column.</summary>
    private static int Render(StringBuilder sb, Edn value, int column, int width)
    {
        if (value is Edn.Tagged tagged)
        {
            string prefix = EdnWriter.TagPrefix(tagged);
            sb.Append(prefix);
            return Render(sb, tagged.Value, column + prefix.Length, width);
        }
        string flat = EdnWriter.Write(value);
        if (!EdnWriter.IsCollection(value) || column + flat.Length <= width)
        {
            sb.Append(flat);
            return column + flat.Length;
        }
        return value switch
        {
            Edn.Map m => RenderMap(sb, m, column, width),
            Edn.List l => RenderItems(sb, "(", l.Items, ")", column, width),
            Edn.Vector v => RenderItems(sb, "[", v.Items, "]", column, width),
            Edn.Set s => RenderItems(sb, "#{", s.Items, "}", column, width),
            _ => throw new System.Diagnostics.UnreachableException(value.GetType().Name),
        };
    }

    private static int RenderItems(
        StringBuilder sb, string open, IReadOnlyList<Edn> items, string close, int column,
            int width)
    {
        sb.Append(open);
        int align = column + open.Length;
        int col = align;
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) col = NewLine(sb, align);
            col = Render(sb, items[i], col, width);
        }
        sb.Append(close);
        return col + close.Length;
    }

    private static int RenderMap(StringBuilder sb, Edn.Map map, int column, int width)
    {
        sb.Append('{');
        int align = column + 1;
        int col = align;
        for (int i = 0; i < map.Entries.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
                col = NewLine(sb, align);
            }
            col = Render(sb, map.Entries[i].Key, col, width);
            sb.Append(' ');
            col = Render(sb, map.Entries[i].Value, col + 1, width);
        }
        sb.Append('}');
        return col + 1;
    }

    private static int NewLine(StringBuilder sb, int align)
    {
        sb.Append('\n').Append(' ', align);
        return align;
    }
}
