using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Qwen.Benchmarks;

/// <summary>
/// One copy of <c>docs/samples/SupportDesk</c>, built outside the repository: the analyzers come in as the built
/// assemblies (as the NuGet package would bring them), the helper libraries as project references. It can be fixed
/// with <c>dotnet format analyzers</c>, built, started as a web server against the simulator, and run as the batch job.
/// </summary>
internal sealed class SampleApp : IAsyncDisposable
{
    private static readonly Regex Finding = new(@"(?<where>[^\s]+\(\d+,\d+\)): warning (?<id>QW\d{4}):", RegexOptions.Compiled);
    private Process? _server;

    private SampleApp(string name, string projectDirectory)
    {
        Name = name;
        ProjectDirectory = projectDirectory;
        ApiKey = "sk-" + name;
    }

    public string Name { get; }
    public string ProjectDirectory { get; }

    /// <summary>Each copy talks to the simulator with its own key, so their context caches and call logs stay apart.</summary>
    public string ApiKey { get; }

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The simulator's clock, which the customer's first byte is timed on (set by the benchmark).</summary>
    public Qwen.Simulator.SimClock Clock { get; set; } = null!;

    /// <summary>
    /// Copies the sample and points its references at this repository's built analyzers and helper sources;
    /// <paramref name="editorConfig"/> lines are added to the sample's <c>.editorconfig</c> (a team's choice of fixes).
    /// </summary>
    public static SampleApp Copy(string repositoryRoot, string work, string name, string analyzerDirectory, string? editorConfig = null)
    {
        var samples = Path.Combine(repositoryRoot, "docs", "samples");
        var root = Path.Combine(work, name);
        Tools.CopyDirectory(samples, root);
        var project = Path.Combine(root, "SupportDesk", "SupportDesk.csproj");
        var text = File.ReadAllText(project);
        text = Replace(text, @"<ProjectReference Include=""..\..\..\src\Qwen.Analyzers\Qwen.Analyzers.csproj"" OutputItemType=""Analyzer"" ReferenceOutputAssembly=""false"" />",
            $@"<Analyzer Include=""{Path.Combine(analyzerDirectory, "Qwen.Analyzers.dll")}"" />");
        text = Replace(text, @"<ProjectReference Include=""..\..\..\src\Qwen.Analyzers.CodeFixes\Qwen.Analyzers.CodeFixes.csproj"" OutputItemType=""Analyzer"" ReferenceOutputAssembly=""false"" />",
            $@"<Analyzer Include=""{Path.Combine(analyzerDirectory, "Qwen.Analyzers.CodeFixes.dll")}"" />");
        text = Replace(text, @"Include=""..\..\..\src\", $@"Include=""{Path.Combine(repositoryRoot, "src")}{Path.DirectorySeparatorChar}");
        File.WriteAllText(project, text);
        if (editorConfig is not null)
            File.AppendAllText(Path.Combine(root, "SupportDesk", ".editorconfig"), editorConfig);
        return new SampleApp(name, Path.GetDirectoryName(project)!);
    }

    /// <summary>Applies every fix, repeating while a pass still changes the code (a fix can expose the next finding).</summary>
    public async Task<int> FixAsync()
    {
        await Tools.Dotnet(ProjectDirectory, "restore", "-nologo", "-v:q");
        var passes = 0;
        for (var before = Source(); passes < 3; before = Source())
        {
            await Tools.Dotnet(ProjectDirectory, "format", "analyzers", "SupportDesk.csproj", "--severity", "warn", "--no-restore");
            passes++;
            if (Source() == before)
                break;
        }

        return passes;
    }

    /// <summary>Builds in Release and returns the Qwen findings the build reported, by rule.</summary>
    public async Task<IReadOnlyDictionary<string, int>> BuildAsync()
    {
        var output = await Tools.Dotnet(ProjectDirectory, "build", "-c", "Release", "-nologo", "--no-incremental", "-v:m");
        // msbuild repeats every warning in its summary: count each place once.
        return Finding.Matches(output).Select(m => (Id: m.Groups["id"].Value, Where: m.Groups["where"].Value))
            .Distinct()
            .GroupBy(f => f.Id)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    public string Source() => File.ReadAllText(Path.Combine(ProjectDirectory, "Program.cs"));

    /// <summary>Starts the web API on a free loopback port, its Qwen endpoints pointed at the simulator.</summary>
    public async Task StartAsync(Uri simulator)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        _server = Launch(simulator, "--urls", url);
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var _ = await Http.GetAsync("/");   // 404 once it listens
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !_server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Runs the nightly batch job (<c>--nightly-triage</c>) to completion.</summary>
    public async Task RunNightlyAsync(Uri simulator)
    {
        using var job = Launch(simulator, "--nightly-triage");
        await job.WaitForExitAsync();
        if (job.ExitCode != 0)
            throw new InvalidOperationException($"{Name}: the nightly job exited with {job.ExitCode}");
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    private Process Launch(Uri simulator, params string[] arguments)
    {
        var dll = Path.Combine(ProjectDirectory, "bin", "Release", "net10.0", "SupportDesk.dll");
        // The sample's own switches go last: the configuration reader would take a bare "--nightly-triage" followed by
        // "--Qwen:Endpoint=…" as a key and its value.
        var start = Tools.DotnetStartInfo(ProjectDirectory, new[]
        {
            dll,
            $"--Qwen:Endpoint={new Uri(simulator, "compatible-mode/v1")}",
            $"--Qwen:NativeHost={simulator}",
            $"--Qwen:ApiKey={ApiKey}",
            "--Logging:LogLevel:Default=Warning",
        }.Concat(arguments));
        var process = Process.Start(start)!;
        // Drain the output so a chatty process never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"  [{Name}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Replace(string text, string old, string replacement)
        => text.Contains(old, StringComparison.Ordinal)
            ? text.Replace(old, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"The sample's project no longer contains {old}: update {nameof(SampleApp)}.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
