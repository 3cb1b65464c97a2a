using System.Collections.Immutable;

namespace FunctionalGossip.Check.History;

using FunctionalGossip.Edn;

/// <summary>Reads Maelstrom's <c>history.edn</c>: one EDN op map per line.</summary>
public static class HistoryReader
{
    /// <summary>
    /// Parses the whole text of a history.edn. Any EDN syntax error, or a form that is not
    /// a valid op, fails with the line and column where it starts.
    /// </summary>
    public static Parsed<ImmutableArray<Op>> Read(string text)
    {
        switch (EdnReader.ReadAll(text))
        {
            case Parsed<ImmutableArray<EdnForm>>.Failed f:
                return new Parsed<ImmutableArray<Op>>.Failed(f.Error);
            case Parsed<ImmutableArray<EdnForm>>.Ok ok:
                return ToOps(ok.Value);
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    private static Parsed<ImmutableArray<Op>> ToOps(ImmutableArray<EdnForm> forms)
    {
        var ops = ImmutableArray.CreateBuilder<Op>(forms.Length);
        foreach (var form in forms)
        {
            switch (OpEdn.FromEdn(form.Value))
            {
                case Parsed<Op>.Ok op:
                    ops.Add(op.Value);
                    break;
                case Parsed<Op>.Failed f:
                    var error = f.Error with { Line = form.Line, Column = form.Column };
                    return new Parsed<ImmutableArray<Op>>.Failed(error);
                default:
                    throw new System.Diagnostics.UnreachableException();
            }
        }
        return new Parsed<ImmutableArray<Op>>.Ok(ops.MoveToImmutable());
    }
}
