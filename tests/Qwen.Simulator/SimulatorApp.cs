using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Qwen.Simulator;

/// <summary>Builds the simulator's web application: the routes of the compatible and native APIs, plus <c>/_sim</c>.</summary>
public static class SimulatorApp
{
    public static WebApplication Build(string[] args, SimulatorOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var state = new SimulatorState(options);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        Map(app, state);
        return app;
    }

    private static void Map(WebApplication app, SimulatorState state)
    {
        var chat = new ChatEndpoints(state);

        // Every Qwen route needs a valid bearer key; /_sim does not.
        app.Use(async (context, next) =>
        {
            await state.ConnectionSetupAsync(context);
            var path = context.Request.Path;
            if (path.StartsWithSegments("/_sim"))
            {
                await next(context);
                return;
            }

            state.Stats.Request();
            if (!state.IsAuthorized(Wire.ApiKey(context.Request)))
            {
                state.Stats.Error();
                if (path.StartsWithSegments("/compatible-mode"))
                    await Wire.CompatibleErrorAsync(context, 401, "invalid_api_key", "Incorrect API key provided.");
                else
                    await Wire.NativeErrorAsync(context, 401, "InvalidApiKey", "Invalid API-key provided.");
                return;
            }

            await next(context);
        });

        app.MapPost("/compatible-mode/v1/chat/completions", chat.CompatibleAsync);
        app.MapPost("/api/v1/services/aigc/text-generation/generation", chat.NativeAsync);
        app.MapPost("/api/v1/services/aigc/multimodal-generation/generation", chat.NativeAsync);
        app.MapPost("/api/v1/services/aigc/text2image/image-synthesis", context => state.Tasks.SubmitAsync(context, state, isVideo: false));
        app.MapPost("/api/v1/services/aigc/image-generation/generation", context => state.Tasks.SubmitAsync(context, state, isVideo: false));
        app.MapPost("/api/v1/services/aigc/video-generation/video-synthesis", context => state.Tasks.SubmitAsync(context, state, isVideo: true));
        app.MapGet("/api/v1/tasks/{id}", (HttpContext context, string id) => state.Tasks.QueryAsync(context, state, id));

        app.MapGet("/_sim/stats", () => Results.Text(state.Stats.ToJson().ToJsonString(), "application/json"));
        app.MapPost("/_sim/reset", () =>
        {
            state.Stats.Reset();
            return Results.NoContent();
        });
        app.MapGet("/_sim/requests/last", () => Results.Text(state.LastChatRequest ?? "null", "application/json"));
        app.MapGet("/_sim/options", () => Results.Text(new JsonObject { ["time_scale"] = state.Options.TimeScale }.ToJsonString(), "application/json"));
    }
}

/// <summary>An in-process simulator on a free loopback port, for tests and benchmarks.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        State = app.Services.GetRequiredService<SimulatorState>();
    }

    public Uri BaseAddress { get; }

    /// <summary>The OpenAI-compatible base address to give an SDK (it appends <c>/chat/completions</c>).</summary>
    public Uri CompatibleEndpoint => new(BaseAddress, "compatible-mode/v1");

    public SimulatorState State { get; }

    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null)
    {
        // In-process, the server and the client under test share one thread pool; on a 2-core machine its minimum
        // of 2 threads lets a burst of requests stall for the pool's 500 ms thread-injection step, which shows up
        // as phantom latency. A larger minimum keeps the simulated timings honest.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        var app = SimulatorApp.Build(new[] { "--urls", "http://127.0.0.1:0" }, options ?? new SimulatorOptions());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
