using FunctionalGossip.Replay.Repl;

namespace FunctionalGossip.Replay.Tests;

/// <summary>The line editor's key handling (the state description is tested in Core.Tests:
/// RenderTests).</summary>
public class EditorAndDescribeTests
{
    private static ConsoleKeyInfo K(ConsoleKey key, char c = '\0', bool ctrl = false) =>
        new(c, key, false, false, ctrl);

    private static ConsoleKeyInfo C(char c) => new(c, ConsoleKey.A, false, false, false);

    private static EditLine Type(EditLine line, IReadOnlyList<string> history,
        params ConsoleKeyInfo[] keys)
    {
        foreach (var key in keys) line = EditLine.Key(line, key, history).Line;
        return line;
    }

    [Fact]
    public void Editing_LeftRightHomeEndBackspace()
    {
        var start = new EditLine("", 0, 0);
        var line = Type(start, [], C('s'), C('t'), C('p'), K(ConsoleKey.LeftArrow), C('e'),
            K(ConsoleKey.End), C(' '), C('2'), K(ConsoleKey.Home), C('x'), K(ConsoleKey.LeftArrow),
            K(ConsoleKey.Delete), K(ConsoleKey.End), K(ConsoleKey.Backspace), C('3'));
        Assert.Equal("step 3", line.Text);
        Assert.Equal(6, line.Cursor);
        Assert.True(EditLine.Key(line, K(ConsoleKey.Enter), []).Done);
        Assert.True(
            EditLine.Key(new EditLine("", 0, 0), K(ConsoleKey.D, '\u0004', ctrl: true), []).End);
        Assert.False(EditLine.Key(line, K(ConsoleKey.D, '\u0004', ctrl: true), []).End);
    }

    [Fact]
    public void History_UpAndDown()
    {
        string[] history = ["state", "goto 5"];
        var line = new EditLine("", 0, history.Length);
        line = Type(line, history, K(ConsoleKey.UpArrow));
        Assert.Equal("goto 5", line.Text);
        line = Type(line, history, K(ConsoleKey.UpArrow), K(ConsoleKey.UpArrow));
        Assert.Equal("state", line.Text);
        line = Type(line, history, K(ConsoleKey.DownArrow), K(ConsoleKey.DownArrow));
        Assert.Equal("", line.Text);
        Assert.Equal(2, line.HistoryIndex);
    }
}
