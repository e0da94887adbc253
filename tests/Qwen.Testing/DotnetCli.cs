using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Qwen.Testing;

/// <summary>Runs the dotnet CLI the way a user's terminal or CI does: the one process runner of the tests and benchmarks.</summary>
public static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> with these arguments; returns the exit code and the combined output (headed by the command line).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunProcessAsync(StartInfo(directory, arguments), TimeSpan.FromMinutes(20));
        return (exitCode, $"> dotnet {string.Join(' ', arguments)}\n{stdout}{stderr}");
    }

    /// <summary>Runs <c>dotnet</c> and returns its output; a failure throws with the output's tail.</summary>
    public static async Task<string> RunCheckedAsync(string directory, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(directory, arguments);
        if (exitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed in {directory}:\n{output[^Math.Min(output.Length, 4000)..]}");
        return output;
    }

    /// <summary>
    /// Runs <c>dotnet</c> under bash's <c>time</c> and returns its output with the wall-clock and CPU (user + system,
    /// children included) seconds; a failure throws.
    /// </summary>
    public static async Task<(string Output, double Wall, double Cpu)> RunTimedAsync(string directory, params string[] arguments)
    {
        var start = WithCliEnvironment(new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true });
        foreach (var argument in new[] { "-c", "TIMEFORMAT='@time %R %U %S'; time dotnet \"$@\"", "bash" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        var (exitCode, stdout, stderr) = await RunProcessAsync(start, TimeSpan.FromMinutes(30));
        if (exitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed in {directory}:\n{(stdout + stderr)[^Math.Min(stdout.Length + stderr.Length, 4000)..]}");
        var line = stderr.Split('\n').Last(l => l.StartsWith("@time ", StringComparison.Ordinal)).Split(' ');
        double Seconds(int index) => double.Parse(line[index], CultureInfo.InvariantCulture);
        return (stdout, Seconds(1), Seconds(2) + Seconds(3));
    }

    /// <summary>A start info for <c>dotnet</c> with the CLI's quiet environment, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string directory, IEnumerable<string> arguments)
    {
        var start = WithCliEnvironment(new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>A fresh directory under the temp folder.</summary>
    public static string NewTempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "qwen-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static ProcessStartInfo WithCliEnvironment(ProcessStartInfo start)
    {
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // A test host's MSBuild variables would leak into the child builds.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG" })
            start.Environment.Remove(name);
        return start;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
