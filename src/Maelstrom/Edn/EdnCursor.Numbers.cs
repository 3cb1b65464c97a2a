using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace FunctionalGossip.Edn;

internal sealed partial class EdnCursor
{
    [GeneratedRegex(@"^[+-]?[0-9]+N?$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?[0-9]+/[0-9]+$")]
    private static partial Regex RatioPattern();

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    private static Edn ParseNumber(string token, int line, int column)
    {
        if (IntegerPattern().IsMatch(token)) return ParseInteger(token);
        if (RatioPattern().IsMatch(token)) return ParseRatio(token, line, column);
        if (FloatPattern().IsMatch(token))
            return new Edn.Float(double.Parse(token, NumberStyles.Float,
                CultureInfo.InvariantCulture));
        if (token.EndsWith('M'))
            throw ErrorAt($"big decimals ('{token}') are not supported", line, column);
        throw ErrorAt($"invalid number '{token}'", line, column);
    }

    private static Edn ParseInteger(string token)
    {
        bool big = token.EndsWith('N');
        string digits = big ? token[..^1] : token;
        var value = BigInteger.Parse(digits, NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture);
        bool fitsLong = value >= long.MinValue && value <= long.MaxValue;
        if (!big && fitsLong) return new Edn.Int((long)value);
        return new Edn.BigInt(value);
    }

    /// <summary>Reads <c>n/d</c> and reduces it as Clojure does (<c>4/2</c> is the integer
    /// 2).</summary>
    private static Edn ParseRatio(string token, int line, int column)
    {
        int slash = token.IndexOf('/');
        var num = BigInteger.Parse(token[..slash], NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture);
        var den = BigInteger.Parse(token[(slash + 1)..], CultureInfo.InvariantCulture);
        if (den.IsZero) throw ErrorAt($"ratio '{token}' divides by zero", line, column);
        var gcd = BigInteger.GreatestCommonDivisor(num, den);
        (num, den) = (num / gcd, den / gcd);
        if (!den.IsOne) return new Edn.Ratio(num, den);
        return num >= long.MinValue && num <= long.MaxValue
            ? new Edn.Int((long)num) : new Edn.BigInt(num);
    }
}
