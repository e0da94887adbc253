using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

using Qwen.Testing;

namespace Qwen.Latency.Tests;

/// <summary>The task poller over real HTTP against the simulator (time scale 0.01: one simulated second is 10 ms).</summary>
public class DashScopeTasksTests
{
    private const double Scale = 0.01;

    /// <summary>The guide's defaults (3 s, ×1.5, 2 min), in the simulator's time.</summary>
    private static TaskPollingOptions Scaled(double timeoutSeconds = 120) => new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(3000 * Scale),
        MaxDelay = TimeSpan.FromMilliseconds(15000 * Scale),
        Timeout = TimeSpan.FromMilliseconds(timeoutSeconds * 1000 * Scale),
    };

    [Fact]
    public async Task ImageTask_ReturnsTheFinalJson()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        using var submission = await sim.SubmitAsync(SimulatorHarness.ImagePath, SimulatorHarness.Image("a lighthouse at dawn"));
        var result = await DashScopeTasks.WaitAsync(sim.Http, submission, Scaled());

        var output = result.Output;
        Assert.Equal("SUCCEEDED", output.GetProperty("task_status").GetString());
        Assert.Equal("SUCCEEDED", result.Status);
        Assert.EndsWith(".png", output.GetProperty("results")[0].GetProperty("url").GetString());
        Assert.EndsWith(".png", Assert.Single(result.Urls).AbsolutePath);
        // 5 simulated seconds of queue and render: a handful of queries, not one every second.
        Assert.InRange(sim.Stat("task_queries"), 1, 4);
    }

    [Fact]
    public async Task Qw0005FixedRequest_CompletesFasterByThePromptExtendCost()
    {
        // The request as written (prompt_extend left to its default) and as QW0005's fix leaves it.
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        using var asWritten = await sim.SubmitAsync(SimulatorHarness.ImagePath, SimulatorHarness.Image("a lighthouse", promptExtend: null));
        using var fixedRequest = await sim.SubmitAsync(SimulatorHarness.ImagePath, SimulatorHarness.Image("a lighthouse", promptExtend: false));
        var saved = double.Parse(string.Join("", asWritten.Headers.GetValues("X-Sim-Render-Ms"))) - double.Parse(string.Join("", fixedRequest.Headers.GetValues("X-Sim-Render-Ms")));
        Assert.Equal(Qwen.Simulator.LatencyModel.PromptExtendMs, saved);

        var slow = await DashScopeTasks.WaitAsync(sim.Http, asWritten, Scaled());
        var fast = await DashScopeTasks.WaitAsync(sim.Http, fixedRequest, Scaled());
        Assert.True(slow.Output.GetProperty("results")[0].TryGetProperty("actual_prompt", out _));
        Assert.False(fast.Output.GetProperty("results")[0].TryGetProperty("actual_prompt", out _));
    }

    [Fact]
    public async Task LongVideo_BacksOffExponentially()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        using var submission = await sim.SubmitAsync(SimulatorHarness.VideoPath, SimulatorHarness.Video("waves", duration: 5, resolution: "720P"));
        var result = await DashScopeTasks.WaitAsync(sim.Http, submission, Scaled(timeoutSeconds: 300));

        Assert.Equal("SUCCEEDED", result.Output.GetProperty("task_status").GetString());
        // 66 simulated seconds: a fixed 3 s poll would query about 22 times; 3 s growing by 1.5 to a 15 s cap needs about 8.
        Assert.InRange(sim.Stat("task_queries"), 2, 12);
        Assert.Equal(0, sim.Stat("throttled"));
    }

    [Fact]
    public async Task Deadline_ThrowsWithTheTaskIdAndLastStatus()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        using var submission = await sim.SubmitAsync(SimulatorHarness.VideoPath, SimulatorHarness.Video("a long film", duration: 10, resolution: "1080P"));
        var taskId = JsonDocument.Parse(await submission.Content.ReadAsStringAsync()).RootElement.GetProperty("output").GetProperty("task_id").GetString()!;

        var error = await Assert.ThrowsAsync<DashScopeTaskException>(() => DashScopeTasks.WaitAsync(sim.Http, taskId, Scaled(timeoutSeconds: 20)));
        Assert.Equal(taskId, error.TaskId);
        Assert.Contains(error.LastStatus, new[] { "PENDING", "RUNNING" });
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task FailedAndUnknownTasks_Throw()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        using var submission = await sim.SubmitAsync(SimulatorHarness.ImagePath, SimulatorHarness.Image("a broken render [fail]"));
        var failed = await Assert.ThrowsAsync<DashScopeTaskException>(() => DashScopeTasks.WaitAsync(sim.Http, submission, Scaled()));
        Assert.Equal("FAILED", failed.LastStatus);
        Assert.Equal("InternalError.Algo", failed.Code);

        var unknown = await Assert.ThrowsAsync<DashScopeTaskException>(() => DashScopeTasks.WaitAsync(sim.Http, "no-such-task", Scaled()));
        Assert.Equal("UNKNOWN", unknown.LastStatus);
        Assert.Equal("no-such-task", unknown.TaskId);
    }

    [Fact]
    public async Task Cancellation_StopsWaiting()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        using var submission = await sim.SubmitAsync(SimulatorHarness.VideoPath, SimulatorHarness.Video("slow", duration: 10, resolution: "1080P"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DashScopeTasks.WaitAsync(sim.Http, submission, Scaled(timeoutSeconds: 600), cancel.Token));
    }

    [Fact]
    public async Task Throttled_KeepsPolling_AndSucceeds()
    {
        // Scale 0.2 (a simulated second is 200 ms) and one query allowed per simulated second, polled every 5 ms:
        // nearly every query is throttled, however slow the machine.
        await using var sim = await SimulatorHarness.StartAsync(0.2, taskQueriesPerSecond: 1);
        using var submission = await sim.SubmitAsync(SimulatorHarness.ImagePath, SimulatorHarness.Image("a fox"));
        var eager = new TaskPollingOptions { InitialDelay = TimeSpan.FromMilliseconds(5), BackoffFactor = 1, MaxDelay = TimeSpan.FromMilliseconds(5), Jitter = 0, Timeout = TimeSpan.FromSeconds(5) };
        var result = await DashScopeTasks.WaitAsync(sim.Http, submission, eager);
        Assert.Equal("SUCCEEDED", result.Output.GetProperty("task_status").GetString());
        Assert.True(sim.Stat("throttled") > sim.Stat("task_queries"), $"{sim.Stat("throttled")} throttled, {sim.Stat("task_queries")} answered");
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        var clock = new FakeTimeProvider();
        var handler = new ScriptedHandler(clock,
            (HttpStatusCode.TooManyRequests, "{\"code\":\"Throttling.RateQuota\"}", TimeSpan.FromSeconds(1)),
            (HttpStatusCode.OK, "{\"output\":{\"task_id\":\"t\",\"task_status\":\"SUCCEEDED\"}}", null));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:1/") };
        var options = new TaskPollingOptions { InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(10), Jitter = 0, Timeout = TimeSpan.FromSeconds(30), TimeProvider = clock };
        var result = await RunOnFakeClock(clock, DashScopeTasks.WaitAsync(http, "t", options), step: TimeSpan.FromMilliseconds(10));
        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal(2, handler.Calls.Count);
        Assert.True(handler.Calls[1] - handler.Calls[0] >= TimeSpan.FromSeconds(1), $"second query after {(handler.Calls[1] - handler.Calls[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public void Backoff_GrowsByTheFactor_UpToTheCap_WithBoundedJitter()
    {
        var options = new TaskPollingOptions();
        var delays = new System.Collections.Generic.List<double>();
        var delay = options.InitialDelay;
        for (var i = 0; i < 8; i++)
        {
            delays.Add(delay.TotalSeconds);
            delay = TaskPollingSchedule.Next(delay, options);
        }

        Assert.Equal(new[] { 3, 4.5, 6.75, 10.125, 15, 15, 15, 15 }, delays);
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
            Assert.InRange(TaskPollingSchedule.Jittered(TimeSpan.FromSeconds(10), 0.2, random).TotalSeconds, 8, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskPollingOptions { BackoffFactor = 0.5 }.Validate());
    }

    /// <summary>On a fake clock the schedule's waits are exact: 20, 30, 40 (the cap), then what is left of the 100 ms deadline.</summary>
    [Fact]
    public async Task Schedule_EndsOnTheDeadline_ThenThrows()
    {
        var clock = new FakeTimeProvider();
        var schedule = new TaskPollingSchedule(new TaskPollingOptions
        {
            InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(40), Timeout = TimeSpan.FromMilliseconds(100), Jitter = 0, TimeProvider = clock,
        });
        var waits = new System.Collections.Generic.List<double>();
        while (true)
        {
            var before = schedule.Elapsed;
            var wait = schedule.WaitAsync();
            if (wait.IsFaulted)
            {
                Assert.IsType<TimeoutException>(wait.Exception!.InnerException);
                break;
            }

            // The continuation runs inside Advance (not on the pool), so the loop stops on the very step that ended the wait.
            await RunOnFakeClock(clock, wait.ContinueWith(_ => 0, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), step: TimeSpan.FromMilliseconds(1));
            await wait;
            waits.Add((schedule.Elapsed - before).TotalMilliseconds);
        }

        Assert.Equal(new double[] { 20, 30, 40, 10 }, waits);
        Assert.Equal(4, schedule.Attempts);
        Assert.Equal(TimeSpan.FromMilliseconds(100), schedule.Elapsed);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TaskPollingSchedule(new TaskPollingOptions { TimeProvider = clock }).WaitAsync(cancel.Token));
    }

    /// <summary>Advances <paramref name="clock"/> by <paramref name="step"/> until <paramref name="task"/> completes (a bounded number of steps).</summary>
    [Fact]
    public async Task Schedule_WithoutDeadline_KeepsBackingOffPastAnyTimeout()
    {
        var clock = new FakeTimeProvider();
        var schedule = new TaskPollingSchedule(new TaskPollingOptions
        {
            InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(40), Timeout = Timeout.InfiniteTimeSpan, Jitter = 0, TimeProvider = clock,
        });
        var waits = new System.Collections.Generic.List<double>();
        for (var i = 0; i < 6; i++)
        {
            var before = schedule.Elapsed;
            var wait = schedule.WaitAsync();
            await RunOnFakeClock(clock, wait.ContinueWith(_ => 0, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), step: TimeSpan.FromMilliseconds(1));
            await wait;
            waits.Add((schedule.Elapsed - before).TotalMilliseconds);
        }

        Assert.Equal(new double[] { 20, 30, 40, 40, 40, 40 }, waits);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskPollingSchedule(new TaskPollingOptions { Timeout = TimeSpan.FromSeconds(-2) }));
    }

    private static async Task<T> RunOnFakeClock<T>(FakeTimeProvider clock, Task<T> task, TimeSpan step)
    {
        for (var i = 0; i < 100_000 && !task.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.Yield();
        }

        return await task;
    }

    /// <summary>Answers queries from a script and records when each arrived.</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly (HttpStatusCode Status, string Body, TimeSpan? RetryAfter)[] _script;
        private readonly TimeProvider _clock;
        private readonly long _started;
        private int _next;

        public ScriptedHandler(TimeProvider clock, params (HttpStatusCode Status, string Body, TimeSpan? RetryAfter)[] script)
        {
            _clock = clock;
            _started = clock.GetTimestamp();
            _script = script;
        }

        public System.Collections.Generic.List<TimeSpan> Calls { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls.Add(_clock.GetElapsedTime(_started));
            var (status, body, retryAfter) = _script[Math.Min(_next++, _script.Length - 1)];
            var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
            if (retryAfter is { } delta)
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
            return Task.FromResult(response);
        }
    }
}
