using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Qwen.Testing;

namespace Qwen.Benchmarks;

/// <summary>What every benchmark command needs: the dotnet CLI (through the shared <see cref="DotnetCli"/>), options, the repository.</summary>
internal static class Tools
{
    /// <summary>Runs <c>dotnet</c> with these arguments and returns its output; a failure throws with the output's tail.</summary>
    public static Task<string> Dotnet(string directory, params string[] arguments) => DotnetCli.RunCheckedAsync(directory, arguments);

    /// <summary>
    /// Runs <c>dotnet</c> under bash's <c>time</c> and returns its output with the wall-clock and CPU (user + system,
    /// children included) seconds.
    /// </summary>
    public static Task<(string Output, double Wall, double Cpu)> TimedDotnet(string directory, params string[] arguments) => DotnetCli.RunTimedAsync(directory, arguments);

    public static ProcessStartInfo DotnetStartInfo(string directory, IEnumerable<string> arguments) => DotnetCli.StartInfo(directory, arguments);

    public static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }

    public static double Option(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    public static string Metadata(string key)
        => typeof(Tools).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Copies a directory tree, leaving out build output.</summary>
    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var directory in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
                CopyDirectory(directory, Path.Combine(to, name));
        }
    }
}
