namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>
/// Deliberately broken Maelstrom nodes as tiny bash scripts: each answers the protocol
/// correctly except for one fault, so the harness's report for that fault can be checked.
/// </summary>
public static class BrokenNodes
{
    private const string Script = """
        #!/usr/bin/env bash
        # A bash Maelstrom broadcast node with one deliberate fault ($1).
        fault=$1
        reply() {
          printf '{"src":"%s","dest":"%s","body":{%s,"in_reply_to":%s}}\n' \
            "$dest" "$src" "$1" "$id"
        }
        while IFS= read -r line; do
          [[ $line =~ \"src\":\"([^\"]*)\" ]] && src=${BASH_REMATCH[1]}
          [[ $line =~ \"dest\":\"([^\"]*)\" ]] && dest=${BASH_REMATCH[1]}
          [[ $line =~ \"type\":\"([^\"]*)\" ]] && type=${BASH_REMATCH[1]}
          [[ $line =~ \"msg_id\":([0-9]+) ]] && id=${BASH_REMATCH[1]}
          echo "got $type from $src" >&2
          case $type in
            init) reply '"type":"init_ok"' ;;
            topology)
              if [[ $fault == malformed ]]; then echo 'this is not JSON'
              else reply '"type":"topology_ok"'; fi ;;
            broadcast)
              if [[ $fault == crash ]]; then echo "crashing on purpose" >&2; exit 3; fi
              reply '"type":"broadcast_ok"' ;;
            read) reply '"type":"read_ok","messages":[]' ;;
          esac
        done
        """;

    /// <summary>Writes a node script for <paramref name="fault"/> (malformed, crash, lose) and
    /// returns a wrapper path that is unique to this test, so leftovers can be found.</summary>
    public static string Create(string fault)
    {
        var dir = Directory.CreateTempSubdirectory($"broken-{fault}-").FullName;
        var script = Path.Combine(dir, "node.sh");
        File.WriteAllText(script, Script.Replace("\r", ""));
        var wrapper = Path.Combine(dir, $"broken-{fault}-node");
        File.WriteAllText(wrapper, $"#!/usr/bin/env bash\nexec bash {script} {fault}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(wrapper,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
    }

    /// <summary>The script a wrapper runs: only node processes have it on their command line
    /// (the harness has the wrapper's path).</summary>
    public static string ScriptOf(string wrapper) =>
        Path.Combine(Path.GetDirectoryName(wrapper)!, "node.sh");

    /// <summary>Processes whose command line mentions <paramref name="marker"/>.</summary>
    public static List<string> Survivors(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d =>
            {
                try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); }
                catch (IOException) { return ""; }
                catch (UnauthorizedAccessException) { return ""; }
            })
            .Where(c => c.Contains(marker))
            .ToList();
}
