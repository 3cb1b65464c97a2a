using System.Text;
using FunctionalGossip.Harness.Report;

namespace FunctionalGossip.Harness.Serve;

/// <summary>An HTTP response: status, content type, extra headers and body.</summary>
internal sealed record Response(int Status, string ContentType, byte[] Body,
    string ExtraHeaders = "")
{
    /// <summary>A plain-text response.</summary>
    public static Response Text(int status, string text) =>
        new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text + "\n"));

    /// <summary>A file with the content type its name gives.</summary>
    public static Response File(string path) =>
        new(200, TypeOf(path), System.IO.File.ReadAllBytes(path));

    /// <summary>A permanent redirect (a folder without its trailing slash).</summary>
    public static Response Redirect(string location) =>
        Text(301, "moved") with { ExtraHeaders = $"Location: {location}\r\n" };

    /// <summary>A folder's entries as links, folders first.</summary>
    public static Response Listing(string dir, string relative)
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
            .Append($"<title>{Html.Esc(relative)}</title></head><body>\n")
            .Append($"<h1>{Html.Esc(relative)}</h1>\n<ul>\n<li><a href=\"../\">../</a></li>\n");
        var entries = Directory.GetDirectories(dir).Order(StringComparer.Ordinal)
            .Select(d => Path.GetFileName(d) + "/")
            .Concat(Directory.GetFiles(dir).Order(StringComparer.Ordinal)
                .Select(Path.GetFileName).OfType<string>());
        foreach (var name in entries)
            sb.Append($"<li><a href=\"{Html.Esc(Uri.EscapeDataString(name.TrimEnd('/')))}")
                .Append($"{(name.EndsWith('/') ? "/" : "")}\">{Html.Esc(name)}</a></li>\n");
        sb.Append("</ul></body></html>\n");
        return new(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>The content type for a file name.</summary>
    public static string TypeOf(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        ".json" => "application/json",
        ".edn" or ".log" or ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>Writes the response (headers only for HEAD) and closes the exchange.</summary>
    public async Task WriteAsync(Stream stream, bool headOnly, CancellationToken ct)
    {
        var head = $"HTTP/1.0 {Status} {Reason(Status)}\r\nContent-Type: {ContentType}\r\n"
            + $"Content-Length: {Body.Length}\r\n{ExtraHeaders}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        if (!headOnly) await stream.WriteAsync(Body, ct);
        await stream.FlushAsync(ct);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
}
