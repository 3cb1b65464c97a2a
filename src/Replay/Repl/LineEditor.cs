namespace FunctionalGossip.Replay.Repl;

/// <summary>A line being edited: its text and the cursor's index in it.</summary>
/// <param name="Text">The text so far.</param>
/// <param name="Cursor">Where the next character goes (0..Text.Length).</param>
/// <param name="HistoryIndex">Which history entry is shown (History.Count = the new line).</param>
public sealed record EditLine(string Text, int Cursor, int HistoryIndex)
{
    /// <summary>The effect of one key on the line: the next line, or done (Enter) / end (Ctrl+D on
    /// an empty line).</summary>
    public static (EditLine Line, bool Done, bool End) Key(EditLine l, ConsoleKeyInfo key,
        IReadOnlyList<string> history)
    {
        var ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
        return key.Key switch
        {
            ConsoleKey.Enter => (l, true, false),
            ConsoleKey.D when ctrl => (l, l.Text.Length == 0, l.Text.Length == 0),
            ConsoleKey.LeftArrow or ConsoleKey.B when key.Key == ConsoleKey.LeftArrow || ctrl =>
                (l with { Cursor = Math.Max(0, l.Cursor - 1) }, false, false),
            ConsoleKey.RightArrow or ConsoleKey.F when key.Key == ConsoleKey.RightArrow || ctrl =>
                (l with { Cursor = Math.Min(l.Text.Length, l.Cursor + 1) }, false, false),
            ConsoleKey.Home or ConsoleKey.A when key.Key == ConsoleKey.Home || ctrl =>
                (l with { Cursor = 0 }, false, false),
            ConsoleKey.End or ConsoleKey.E when key.Key == ConsoleKey.End || ctrl =>
                (l with { Cursor = l.Text.Length }, false, false),
            ConsoleKey.Backspace when l.Cursor > 0 =>
                (l with { Text = l.Text.Remove(l.Cursor - 1, 1), Cursor = l.Cursor - 1 },
                    false, false),
            ConsoleKey.Delete when l.Cursor < l.Text.Length =>
                (l with { Text = l.Text.Remove(l.Cursor, 1) }, false, false),
            ConsoleKey.UpArrow or ConsoleKey.P when key.Key == ConsoleKey.UpArrow || ctrl =>
                (Recall(l, l.HistoryIndex - 1, history), false, false),
            ConsoleKey.DownArrow or ConsoleKey.N when key.Key == ConsoleKey.DownArrow || ctrl =>
                (Recall(l, l.HistoryIndex + 1, history), false, false),
            _ when !ctrl && key.KeyChar >= ' ' =>
                (l with
                {
                    Text = l.Text.Insert(l.Cursor, key.KeyChar.ToString()),
                    Cursor = l.Cursor + 1,
                }, false, false),
            _ => (l, false, false),
        };
    }

    private static EditLine Recall(EditLine l, int index, IReadOnlyList<string> history)
    {
        if (index < 0 || index > history.Count) return l;
        var text = index == history.Count ? "" : history[index];
        return new EditLine(text, text.Length, index);
    }
}

/// <summary>
/// A small line editor on <see cref="Console.ReadKey(bool)"/>: left/right, home/end (and
/// Ctrl+A/E), backspace/delete, up/down through history. Used only when stdin is a terminal.
/// </summary>
public sealed class LineEditor
{
    private readonly List<string> _history = [];

    /// <summary>Reads one line after <paramref name="prompt"/>; null at end of input
    /// (Ctrl+D).</summary>
    public string? ReadLine(string prompt)
    {
        var line = new EditLine("", 0, _history.Count);
        Console.Write(prompt);
        while (true)
        {
            var (next, done, end) = EditLine.Key(line, Console.ReadKey(intercept: true), _history);
            if (end) { Console.WriteLine(); return null; }
            Redraw(prompt, line, next);
            line = next;
            if (!done) continue;
            Console.WriteLine();
            if (line.Text.Trim().Length > 0 && (_history.Count == 0 || _history[^1] != line.Text))
                _history.Add(line.Text);
            return line.Text;
        }
    }

    private static void Redraw(string prompt, EditLine before, EditLine after)
    {
        var pad = new string(' ', Math.Max(0, before.Text.Length - after.Text.Length));
        Console.Write("\r" + prompt + after.Text + pad);
        Console.Write("\r" + prompt + after.Text[..after.Cursor]);
    }
}
