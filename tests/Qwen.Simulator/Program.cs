using Qwen.Simulator;

// dotnet run --project tests/Qwen.Simulator -c Release -- --urls http://127.0.0.1:PORT --time-scale S
var options = SimulatorOptions.Parse(args);
var app = SimulatorApp.Build(args, options);
app.Run();
