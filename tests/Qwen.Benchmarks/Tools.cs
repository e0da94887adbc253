using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Qwen.Benchmarks;

/// <summary>What every benchmark command needs: running the dotnet CLI, reading options, finding the repository.</summary>
internal static class Tools
{
    /// <summary>Runs <c>dotnet</c> with these arguments and returns its output; a failure throws with the output's tail.</summary>
    public static async Task<string> Dotnet(string directory, params string[] arguments)
    {
        var (stdout, stderr) = await RunAsync(DotnetStartInfo(directory, arguments), arguments, directory);
        return stdout + stderr;
    }

    /// <summary>
    /// Runs <c>dotnet</c> under bash's <c>time</c> and returns its output with the wall-clock and CPU (user + system,
    /// children included) seconds.
    /// </summary>
    public static async Task<(string Output, double Wall, double Cpu)> TimedDotnet(string directory, params string[] arguments)
    {
        var start = WithCliEnvironment(new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true });
        foreach (var argument in new[] { "-c", "TIMEFORMAT='@time %R %U %S'; time dotnet \"$@\"", "bash" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        var (stdout, stderr) = await RunAsync(start, arguments, directory);
        var line = stderr.Split('\n').Last(l => l.StartsWith("@time ", StringComparison.Ordinal)).Split(' ');
        double Seconds(int index) => double.Parse(line[index], CultureInfo.InvariantCulture);
        return (stdout, Seconds(1), Seconds(2) + Seconds(3));
    }

    public static ProcessStartInfo DotnetStartInfo(string directory, IEnumerable<string> arguments)
    {
        var start = WithCliEnvironment(new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true });
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    private static ProcessStartInfo WithCliEnvironment(ProcessStartInfo start)
    {
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    private static async Task<(string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, string[] arguments, string directory)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var (output, errors) = (await stdout, await stderr);
        if (process.ExitCode != 0)
        {
            var all = output + errors;
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed in {directory}:\n{all[^Math.Min(all.Length, 4000)..]}");
        }

        return (output, errors);
    }

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
