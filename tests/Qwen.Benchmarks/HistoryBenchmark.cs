using Microsoft.Extensions.AI;
using Qwen.Latency;
using Qwen.Simulator;
using Qwen.Testing;

namespace Qwen.Benchmarks;

/// <summary>
/// What QW0013's fix changes over a long conversation: the same questions asked of the simulator turn after turn, the
/// whole history sent each time, and the window <c>QwenHistory.Recent</c> sends. Each run has its own API key (its own
/// context cache). Printed per turn at a few points and summed: time to first token (streamed, simulated seconds),
/// input tokens and how many of them the context cache served. A third run pauses longer than the cache's lifetime
/// before the last turn, as a person coming back to a conversation does.
/// </summary>
internal static class HistoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var turns = Tools.Option(args, "--turns", 40);
        var budget = Tools.Option(args, "--budget", QwenHistory.DefaultMaxTokens);
        var timeScale = Tools.Option(args, "--time-scale", 0.05);
        await using var harness = await SimulatorHarness.StartAsync(new SimulatorOptions { TimeScale = timeScale });
        Console.WriteLine(FormattableString.Invariant($"history: {turns} turns on qwen-plus, answers capped at 150 tokens, a 600-token system prompt; window budget {budget} tokens; time scale {timeScale}"));

        var whole = await ConverseAsync(harness, "sk-history-whole", turns, window: null, pauseBeforeLast: false);
        var windowed = await ConverseAsync(harness, "sk-history-window", turns, budget, pauseBeforeLast: false);
        var wholePaused = await ConverseAsync(harness, "sk-history-whole-pause", turns, window: null, pauseBeforeLast: true);
        var windowedPaused = await ConverseAsync(harness, "sk-history-window-pause", turns, budget, pauseBeforeLast: true);

        Console.WriteLine();
        Console.WriteLine("| Turn | Whole history: first token (s), input tokens (cached) | Window: first token (s), input tokens (cached) |");
        Console.WriteLine("|---|---|---|");
        foreach (var turn in new[] { 1, 5, 10, 20, 30, turns }.Where(t => t <= turns).Distinct())
            Console.WriteLine($"| {turn} | {Row(whole[turn - 1])} | {Row(windowed[turn - 1])} |");
        Console.WriteLine(FormattableString.Invariant(
            $"| all {turns} turns | {whole.Sum(c => c.FirstTokenMs - c.StartMs) / 1000:F2} s, {whole.Sum(c => c.PromptTokens)} ({whole.Sum(c => c.CachedTokens)}) | {windowed.Sum(c => c.FirstTokenMs - c.StartMs) / 1000:F2} s, {windowed.Sum(c => c.PromptTokens)} ({windowed.Sum(c => c.CachedTokens)}) |"));
        Console.WriteLine(FormattableString.Invariant(
            $"| last turn after a pause longer than the cache lifetime | {Row(wholePaused[^1])} | {Row(windowedPaused[^1])} |"));
        return 0;
    }

    private static string Row(ModelCall call)
        => FormattableString.Invariant($"{(call.FirstTokenMs - call.StartMs) / 1000:F2}, {call.PromptTokens} ({call.CachedTokens})");

    private static async Task<IReadOnlyList<ModelCall>> ConverseAsync(SimulatorHarness harness, string key, int turns, int? window, bool pauseBeforeLast)
    {
        var chat = harness.Chat("qwen-plus", key).AsIChatClient();
        var history = new List<ChatMessage> { new(ChatRole.System, "You are the help desk of a parcel service. " + SimulatorHarness.LongText(600)) };
        var options = new ChatOptions { MaxOutputTokens = 150 };
        for (var turn = 0; turn < turns; turn++)
        {
            if (pauseBeforeLast && turn == turns - 1)
                harness.Server.State.Clock.Advance(ContextCache.LifetimeMs + 1000);
            history.Add(new ChatMessage(ChatRole.User, $"Question {turn}: where is parcel {1000 + turn}, and when will it arrive?"));
            var messages = window is { } budget ? QwenHistory.Recent(history, budget) : history;
            var response = await chat.GetStreamingResponseAsync(messages, options).ToChatResponseAsync();
            history.AddMessages(response);
        }

        await harness.Server.State.Calls.WaitIdleAsync(key, TimeSpan.FromSeconds(30));
        return harness.Server.State.Calls.Snapshot().Where(c => c.ApiKey == key).OrderBy(c => c.StartMs).ToList();
    }
}
