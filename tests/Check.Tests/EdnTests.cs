using System.Text;
using System.Numerics;
using CsCheck;

namespace FunctionalGossip.Check.Tests;

using FunctionalGossip.Edn;

public class EdnTests
{
    private static Edn ReadOk(string text) =>
        Assert.IsType<Parsed<Edn>.Ok>(EdnReader.Read(text)).Value;

    private static ParseError ReadFails(string text) =>
        Assert.IsType<Parsed<Edn>.Failed>(EdnReader.Read(text)).Error;

    [Fact]
    public void Reads_AllKinds_WithCommentsCommasAndDiscards()
    {
        var value = ReadOk("""
            ; a comment
            {:a 1, :b [2.5 -3 4N 1/3 6/3] :c #{"x"} ; trailing comment
             :d (nil true false) :e sym/bol :f \newline :g #_ ignored "s\t\"q\"\u0041"
             :h #jepsen.history.Op{:index 1} :i #inst "2020" :j ##-Inf}
            """);
        var map = Assert.IsType<Edn.Map>(value);
        Assert.Equal(Edn.Of(1), map.Get("a"));
        Assert.Equal(Edn.VectorOf([new Edn.Float(2.5), Edn.Of(-3), new Edn.BigInt(4),
            new Edn.Ratio(1, 3), Edn.Of(2)]), map.Get("b"));
        Assert.Equal(new Edn.Set([Edn.Of("x")]), map.Get("c"));
        Assert.Equal(Edn.ListOf([Edn.Nil.Value, Edn.Of(true), Edn.Of(false)]), map.Get("d"));
        Assert.Equal(new Edn.Symbol("sym/bol"), map.Get("e"));
        Assert.Equal(new Edn.Char('\n'), map.Get("f"));
        Assert.Equal(Edn.Of("s\t\"q\"A"), map.Get("g"));
        Assert.Equal(new Edn.Tagged("jepsen.history.Op", Edn.KwMap(("index", Edn.Of(1)))),
            map.Get("h"));
        Assert.Equal(new Edn.Tagged("inst", Edn.Of("2020")), map.Get("i"));
        Assert.Equal(new Edn.Float(double.NegativeInfinity), map.Get("j"));
    }

    [Fact]
    public void BigIntegers_WithoutSuffix_BecomeBigInt()
    {
        Assert.Equal(new Edn.BigInt(BigInteger.Parse("123456789012345678901234")),
            ReadOk("123456789012345678901234"));
        Assert.Equal(Edn.Of(long.MinValue), ReadOk("-9223372036854775808"));
    }

    [Fact]
    public void MapsAndSets_CompareWithoutOrder_ButWriteInReadOrder()
    {
        var a = ReadOk("{:a 1 :b #{1 2}}");
        var b = ReadOk("{:b #{2 1} :a 1}");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("{:b #{2 1}, :a 1}", b.ToString());
        Assert.NotEqual(ReadOk("[1 2]"), ReadOk("(1 2)"));
        Assert.NotEqual(ReadOk("1"), ReadOk("1.0"));
    }

    [Theory]
    [InlineData("{:a 1\n :b}", 1, 1, "odd number")]
    [InlineData("[1 2\n  \"abc", 2, 3, "unterminated string")]
    [InlineData("[1 2", 1, 1, "missing ']'")]
    [InlineData("{:a 1}\n)", 2, 1, "unexpected text")]
    [InlineData(")", 1, 1, "unexpected ')'")]
    [InlineData("  ", 1, 3, "no EDN form")]
    [InlineData("[1 2.5.3]", 1, 4, "invalid number")]
    [InlineData("{:a 1 :a 2}", 1, 1, "duplicate map key :a")]
    [InlineData("#{1 1}", 1, 1, "duplicate element")]
    [InlineData("\"\\q\"", 1, 2, "unsupported string escape")]
    [InlineData("1.5M", 1, 1, "big decimals")]
    [InlineData("::foo", 1, 1, "auto-resolved keyword")]
    public void ParseErrors_AreValues_WithLineAndColumn(string text, int line, int column,
        string fragment)
    {
        var error = ReadFails(text);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void DeepNesting_FailsCleanly()
    {
        var error = ReadFails(new string('[', 10_000));
        Assert.Contains("nesting deeper", error.Message);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(10000000.0, "1.0E7")]
    [InlineData(123456789012.0, "1.23456789012E11")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(0.0, "0.0")]
    public void Doubles_PrintLikeJava(double value, string expected) =>
        Assert.Equal(expected, JavaNumber.FormatDouble(value));

    [Fact]
    public void Floats_PrintLikeJavaFloatToString()
    {
        Assert.Equal("7.3560977", JavaNumber.FormatFloat((float)(1508.0 / 205)));
        Assert.Equal("7.3560977",
            EdnWriter.Write(new Edn.Float(JavaNumber.WidenFloat((float)(1508.0 / 205)))));
    }

    [Fact]
    public void Print_LeavesStringsUnquoted_Write_QuotesThem()
    {
        var v = Edn.VectorOf([Edn.Kw("crash"), Edn.Of("a \"b\"")]);
        Assert.Equal("[:crash a \"b\"]", EdnWriter.Print(v));
        Assert.Equal("[:crash \"a \\\"b\\\"\"]", EdnWriter.Write(v));
    }

    [Fact]
    public void Pretty_BreaksOnlyGroupsThatPassColumn70()
    {
        var shortMap = Edn.KwMap(("a", Edn.Of(1)), ("b", Edn.Of(2)));
        Assert.Equal("{:a 1, :b 2}\n", EdnPretty.Write(shortMap));
        var longList = Edn.ListOf(Enumerable.Range(0, 30).Select(i => Edn.Of(i)));
        var text = EdnPretty.Write(Edn.KwMap(("xs", longList)));
        Assert.StartsWith("{:xs (0\n      1\n      2\n", text);
        Assert.EndsWith("      29)}\n", text);
    }

    private static readonly Gen<string> Name =
        Gen.Select(Gen.Char["abcxyzABC"], Gen.String[Gen.Char["abc019-_?!*.+<>="], 0, 6], (c, s) =>
            c + s);

    private static readonly Gen<Edn> Scalar = Gen.OneOf<Edn>(
        Gen.Const<Edn>(Edn.Nil.Value),
        Gen.Bool.Select(b => (Edn)new Edn.Bool(b)),
        Gen.Long.Select(l => (Edn)new Edn.Int(l)),
        Gen.Long.Select(l => (Edn)new Edn.BigInt((BigInteger)l * 1_000_003)),
        Gen.Double.Select(d => (Edn)new Edn.Float(d)),
        Gen.Select(Gen.Int[1, 1000], Gen.Int[2, 1000], Ratio),
        Gen.Char.Select(c => (Edn)new Edn.Char(c)),
        Gen.String.Select(s => (Edn)new Edn.Str(s)),
        Name.Select(n => (Edn)new Edn.Keyword(n)),
        Name.Select(n => (Edn)new Edn.Symbol(n)));

    private static Edn Ratio(int num, int den)
    {
        var gcd = (int)BigInteger.GreatestCommonDivisor(num, den);
        return den / gcd == 1 ? new Edn.Int(num / gcd) : new Edn.Ratio(num / gcd, den / gcd);
    }

    private static readonly Gen<Edn> AnyEdn = Gen.Recursive<Edn>((depth, self) => depth >= 3
        ? Scalar
        : Gen.Frequency<Edn>(
            (6, Scalar),
            (1, self.Array[0, 5].Select(xs => Edn.ListOf(xs))),
            (1, self.Array[0, 5].Select(xs => Edn.VectorOf(xs))),
            (1, self.Array[0, 5].Select(xs => (Edn)new Edn.Set([.. xs.Distinct()]))),
            (1, Gen.Select(self, self).Array[0, 5].Select(kvs => (Edn)new Edn.Map(
                [.. kvs.DistinctBy(kv => kv.Item1).Select(kv => new KeyValuePair<Edn, Edn>(kv.Item1,
                    kv.Item2))]))),
            (1, Gen.Select(Name, self, (tag, v) => (Edn)new Edn.Tagged(tag, v)))));

    [Fact]
    public void Property_WriteThenRead_GivesBackTheSameValue() =>
        AnyEdn.Sample(value =>
        {
            var parsed = EdnReader.Read(EdnWriter.Write(value));
            return parsed is Parsed<Edn>.Ok ok && ok.Value.Equals(value);
        }, iter: 2000);

    /// <summary>A compact vector of integers (how a read's values are kept) is the same value
    /// as the vector of its items: equal both ways, the same hash, and the same text
    /// written, printed, pretty-printed and as JSON.</summary>
    [Fact]
    public void Property_ACompactVector_IsTheVectorOfItsItems() =>
        Gen.OneOf(Gen.Int, Gen.Int[-5, 70_000]).Array[0, 300].Sample(values =>
        {
            Edn compact = Edn.Vector.OfInts(values);
            var items = Edn.VectorOf(values.Select(v => (Edn)new Edn.Int(v)));
            var inMap = (Edn e) => Edn.KwMap(("value", e));
            return compact.Equals(items) && items.Equals(compact)
                && compact.GetHashCode() == items.GetHashCode()
                && EdnWriter.Write(compact) == EdnWriter.Write(items)
                && EdnWriter.Print(compact) == EdnWriter.Print(items)
                && EdnWriter.Write(inMap(compact)) == EdnWriter.Write(inMap(items))
                && EdnPretty.Write(compact) == EdnPretty.Write(items)
                && EdnJson.Write(compact) == EdnJson.Write(items)
                && ((Edn.Vector)compact).Items.SequenceEqual(((Edn.Vector)items).Items);
        }, iter: 300);

    /// <summary>Reading EDN text keeps a long vector of ints compact, as reading a node's
    /// JSON does (a stored history's reads), and any other vector as items; both read back
    /// equal to what was written.</summary>
    [Theory]
    [InlineData("[1 2 3]", false)]
    [InlineData("[0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -15]", true)]
    [InlineData("[0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 2147483648]", false)]
    [InlineData("[0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 :a]", false)]
    public void ReadingALongVectorOfInts_KeepsItCompact(string text, bool compact)
    {
        var read = Assert.IsType<Parsed<Edn>.Ok>(EdnReader.Read(text)).Value;
        var vector = Assert.IsType<Edn.Vector>(read);
        Assert.Equal(compact, vector.Ints is not null);
        Assert.Equal(text, EdnWriter.Write(vector));
        Assert.Equal(Edn.VectorOf(vector.Items), vector);
    }

    /// <summary>Long vectors of integers (a read's values) take the writer's buffered path,
    /// which flushes every few thousand characters: whatever the length and the digits, the
    /// text is the items joined by spaces, in a builder as in a string.</summary>
    [Fact]
    public void Property_LongIntegerVectors_WriteAsTheirItemsJoinedBySpaces() =>
        Gen.OneOf(Gen.Long, Gen.Long[-1000, 100_000], Gen.Const(long.MinValue))
            .Array[0, 3000].Sample(values =>
            {
                var vector = Edn.VectorOf(values.Select(v => (Edn)new Edn.Int(v)));
                var expected = "[" + string.Join(" ", values.Select(v =>
                    v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
                var inBuilder = EdnWriter.AppendReadable(new StringBuilder("x"), vector);
                return EdnWriter.Write(vector) == expected
                    && inBuilder.ToString() == "x" + expected;
            }, iter: 300);

    [Fact]
    public void Property_PrettyThenRead_GivesBackTheSameValue() =>
        AnyEdn.Sample(value =>
        {
            var parsed = EdnReader.Read(EdnPretty.Write(value, width: 20));
            return parsed is Parsed<Edn>.Ok ok && ok.Value.Equals(value);
        }, iter: 1000);
}
