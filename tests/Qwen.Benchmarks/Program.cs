using System.Globalization;
using Qwen.Benchmarks;

// Figures print the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// dotnet run -c Release --project tests/Qwen.Benchmarks -- latency [--runs N] [--time-scale S]
// dotnet run -c Release --project tests/Qwen.Benchmarks -- analyzer-overhead [--runs N] [--lines N]
// dotnet run -c Release --project tests/Qwen.Benchmarks -- analyzer-profile [--runs N] [--lines N]   (in-process, seconds)
// dotnet run -c Release --project tests/Qwen.Benchmarks -- history [--turns N] [--budget T] [--time-scale S]   (QW0013, about a minute)
return args.FirstOrDefault() switch
{
    "latency" => await LatencyBenchmark.RunAsync(args[1..]),
    "analyzer-overhead" => await AnalyzerOverhead.RunAsync(args[1..]),
    "analyzer-profile" => await AnalyzerProfile.RunAsync(args[1..]),
    "history" => await HistoryBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Qwen.Benchmarks -- latency [--runs N] [--time-scale S]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/Qwen.Benchmarks -- analyzer-overhead [--runs N] [--lines N]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/Qwen.Benchmarks -- analyzer-profile [--runs N] [--lines N]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/Qwen.Benchmarks -- history [--turns N] [--budget T] [--time-scale S]");
    return 2;
}
