using Qwen.Benchmarks;

// dotnet run -c Release --project tests/Qwen.Benchmarks -- analyzer-overhead [--runs N] [--files N]
if (args.Length > 0 && args[0] == "analyzer-overhead")
    return await AnalyzerOverhead.RunAsync(args[1..]);

Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Qwen.Benchmarks -- analyzer-overhead [--runs N] [--files N]");
return 2;
