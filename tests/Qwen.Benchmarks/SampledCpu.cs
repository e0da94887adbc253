using System.Diagnostics;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.EventPipe;

namespace Qwen.Benchmarks;

/// <summary>
/// What Qwen.Analyzers costs the compiler in CPU, read from the runtime's sampling profiler rather than from csc's
/// <c>/reportanalyzer</c>: one build runs with EventPipe's sample profiler on in every process (a stack of each thread
/// every millisecond), and the figure is the share of the compiler's samples taken while a thread ran managed code
/// with a Qwen.Analyzers frame on its stack. <c>/reportanalyzer</c> times each callback with a stopwatch, so a garbage
/// collection, a descheduled thread or a lock wait during a callback is charged to the analyzer: on this machine that
/// is 15 to 50 times the callbacks' sampled CPU, for every analyzer alike. Sampling sees none of those (the runtime is
/// suspended during a collection; a waiting thread is not in managed code).
/// </summary>
internal static class SampledCpu
{
    /// <summary>Builds once, traced; returns how many of the compiler's managed samples had a frame of <paramref name="framePrefix"/>, and how many it took.</summary>
    public static async Task<(int Ours, int Compiler)> MeasureAsync(string directory, string framePrefix, params string[] buildArguments)
    {
        var traces = Path.Combine(directory, "traces");
        if (Directory.Exists(traces))
            Directory.Delete(traces, recursive: true);
        Directory.CreateDirectory(traces);

        var start = Tools.DotnetStartInfo(directory, buildArguments);
        start.Environment["DOTNET_EnableEventPipe"] = "1";
        start.Environment["DOTNET_EventPipeOutputPath"] = Path.Combine(traces, "trace-{pid}.nettrace");
        // The sample profiler, and the runtime's method events (JIT, loader) that name the sampled frames.
        start.Environment["DOTNET_EventPipeConfig"] = "Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5";
        using (var process = Process.Start(start)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"traced build failed:\n{await stdout}{await stderr}");
        }

        var ours = 0;
        var compiler = 0;
        foreach (var trace in Directory.GetFiles(traces, "*.nettrace"))
        {
            using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(trace));
            foreach (var traceEvent in log.Events)
            {
                // Type 2: the thread was running managed code (1: in native code or waiting).
                if (traceEvent is not ClrThreadSampleTraceData sample || (int)sample.Type != 2 || sample.CallStack() is not { } stack)
                    continue;
                var inCompiler = false;
                var inOurs = false;
                for (var frame = stack; frame is not null; frame = frame.Caller)
                {
                    var name = frame.CodeAddress.FullMethodName;
                    if (name is null)
                        continue;
                    inOurs |= name.StartsWith(framePrefix, StringComparison.Ordinal);
                    inCompiler |= name.StartsWith("Microsoft.CodeAnalysis.", StringComparison.Ordinal);
                }

                if (inCompiler)
                    compiler++;
                if (inOurs)
                    ours++;
            }
        }

        Directory.Delete(traces, recursive: true);
        return (ours, compiler);
    }
}
