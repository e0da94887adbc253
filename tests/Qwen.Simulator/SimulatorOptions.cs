namespace Qwen.Simulator;

/// <summary>How a simulator instance behaves. Every field has a command-line switch (see <see cref="Parse"/>).</summary>
public sealed class SimulatorOptions
{
    /// <summary>Multiplies every simulated delay (and the windows of time-based limits); 1 is real time.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>API keys accepted; empty means any key that starts with <c>sk-</c>.</summary>
    public HashSet<string> ApiKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>A fault to inject into every <see cref="FaultEvery"/>-th model request (<c>429</c>, <c>500</c>, <c>drop</c>, <c>malformed</c>).</summary>
    public string? Fault { get; set; }

    public int FaultEvery { get; set; } = 1;

    /// <summary>
    /// Simulated milliseconds a new connection costs before its first request is served: DNS, TCP and a TLS 1.3
    /// handshake, three round trips at a 100 ms cross-region round trip. Loopback has none of it; 0 turns it off.
    /// </summary>
    public double ConnectionSetupMs { get; set; } = 300;

    /// <summary>Task queries a second (simulated) per API key before the task endpoint answers 429.</summary>
    public int TaskQueriesPerSecond { get; set; } = 20;

    /// <summary>Reads <c>--time-scale S</c>, <c>--api-key K</c> (repeatable), <c>--fault KIND</c>, <c>--fault-every N</c>, <c>--connection-setup-ms M</c>; leaves other arguments (such as <c>--urls</c>) to ASP.NET Core.</summary>
    public static SimulatorOptions Parse(string[] args)
    {
        var options = new SimulatorOptions();
        for (var i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--time-scale":
                    options.TimeScale = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--api-key":
                    options.ApiKeys.Add(args[++i]);
                    break;
                case "--fault":
                    options.Fault = args[++i];
                    break;
                case "--connection-setup-ms":
                    options.ConnectionSetupMs = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--fault-every":
                    options.FaultEvery = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (options.TimeScale <= 0)
            throw new ArgumentException("--time-scale must be greater than 0");
        return options;
    }
}
