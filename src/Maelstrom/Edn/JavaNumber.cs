using System.Globalization;

namespace FunctionalGossip.Edn;

/// <summary>
/// Formats doubles and floats the way the JVM's <c>Double.toString</c>/<c>Float.toString</c> do
/// (shortest round-trip digits; plain notation for 10⁻³ ≤ |x| &lt; 10⁷, else <c>1.0E10</c>),
/// which is what Clojure prints in <c>results.edn</c>.
/// </summary>
public static class JavaNumber
{
    /// <summary>Java's <c>Double.toString(x)</c> for a finite x.</summary>
    public static string FormatDouble(double x) =>
        Format(x.ToString("R", CultureInfo.InvariantCulture), Math.Abs(x),
            x == 0 && double.IsNegative(x));

    /// <summary>Java's <c>Float.toString(x)</c> for a finite x.</summary>
    public static string FormatFloat(float x) =>
        Format(x.ToString("R", CultureInfo.InvariantCulture), Math.Abs(x),
            x == 0 && float.IsNegative(x));

    /// <summary>The double whose shortest decimal form equals the float's (to print a
    /// float).</summary>
    public static double WidenFloat(float x) =>
        double.Parse(x.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Format(string dotnet, double magnitude, bool negativeZero)
    {
        if (magnitude == 0) return negativeZero ? "-0.0" : "0.0";
        bool negative = dotnet.StartsWith('-');
        var (digits, pointPos) = Decompose(negative ? dotnet[1..] : dotnet);
        string body = magnitude >= 1e-3 && magnitude < 1e7
            ? Plain(digits, pointPos)
            : Scientific(digits, pointPos);
        return negative ? "-" + body : body;
    }

    /// <summary>Significant digits and the position of the decimal point relative to
    /// them.</summary>
    private static (string Digits, int PointPos) Decompose(string text)
    {
        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture);
            text = text[..e];
        }
        int dot = text.IndexOf('.');
        string intPart = dot >= 0 ? text[..dot] : text;
        string fracPart = dot >= 0 ? text[(dot + 1)..] : "";
        string all = intPart + fracPart;
        int pointPos = intPart.Length + exponent;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        string digits = all[lead..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, pointPos - lead);
    }

    private static string Plain(string digits, int pointPos)
    {
        if (pointPos <= 0) return "0." + new string('0', -pointPos) + digits;
        if (pointPos >= digits.Length)
            return digits + new string('0', pointPos - digits.Length) + ".0";
        return digits[..pointPos] + "." + digits[pointPos..];
    }

    private static string Scientific(string digits, int pointPos)
    {
        string fraction = digits.Length > 1 ? digits[1..] : "0";
        string exponent = (pointPos - 1).ToString(CultureInfo.InvariantCulture);
        return digits[0] + "." + fraction + "E" + exponent;
    }
}
