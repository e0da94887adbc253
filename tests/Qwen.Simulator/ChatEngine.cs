using System.Text.Json.Nodes;

namespace Qwen.Simulator;

/// <summary>A chat request, read from either wire format.</summary>
public sealed class ChatRequest
{
    public required string Model { get; init; }
    public required ModelProfile Profile { get; init; }
    public required IReadOnlyList<PromptSegment> Segments { get; init; }
    public string LastUserText { get; init; } = "";
    public int? MaxTokens { get; init; }
    public IReadOnlyList<string> Stop { get; init; } = Array.Empty<string>();
    public int N { get; init; } = 1;
    public bool? EnableThinking { get; init; }
    public int? ThinkingBudget { get; init; }
}

/// <summary>One generated choice: reasoning pieces first, then answer pieces; one piece is one token.</summary>
public sealed record ChoicePlan(IReadOnlyList<string> Reasoning, IReadOnlyList<string> Answer, string FinishReason)
{
    public int TokenCount => Reasoning.Count + Answer.Count;
    public string AnswerText => string.Concat(Answer);
    public string ReasoningText => string.Concat(Reasoning);
}

/// <summary>Everything the response will say and when: deterministic for a given request and cache state.</summary>
public sealed record ChatPlan(int PromptTokens, CacheResult Cache, IReadOnlyList<ChoicePlan> Choices, double TtftMs, double DecodeMsPerToken)
{
    public int CompletionTokens => Choices.Sum(c => c.TokenCount);
    public int ReasoningTokens => Choices.Sum(c => c.Reasoning.Count);

    /// <summary>Token <paramref name="index"/> (0-based) of a choice arrives at TTFT + index × decode time.</summary>
    public double ArrivalMs(int index) => TtftMs + index * DecodeMsPerToken;

    /// <summary>When the first answer token (after any reasoning) of the earliest choice arrives: what a reader sees first.</summary>
    public double FirstAnswerMs => ArrivalMs(Choices.Min(c => c.Reasoning.Count));

    /// <summary>Choices are generated in parallel: the request ends with the longest.</summary>
    public double TotalMs => ArrivalMs(Math.Max(0, Choices.Max(c => c.TokenCount) - 1));
}

/// <summary>Plans a chat generation: thinking defaults, the output cap (reasoning counts against it), stop sequences, n.</summary>
public static class ChatEngine
{
    public static ChatPlan Plan(ChatRequest request, CacheResult cache)
    {
        var canonical = ContextCache.Canonical(request.Segments);
        var promptTokens = Tokens.Count(canonical);
        var thinking = request.Profile.ThinkingOnly || (request.EnableThinking ?? request.Profile.ThinkingByDefault);
        var choices = new List<ChoicePlan>();
        for (var i = 0; i < Math.Max(1, request.N); i++)
        {
            // The answer depends on the question, not on how the prompt around it is arranged: reordering a system
            // message (the QW0004 fix) must not change what the model says, or a benchmark would measure noise.
            var seed = Tokens.Hash(request.Model + "\u0000" + request.LastUserText + "\u0000" + i);
            choices.Add(PlanChoice(request, seed, thinking));
        }

        var ttft = LatencyModel.TimeToFirstTokenMs(request.Profile, promptTokens, cache.CachedTokens);
        return new ChatPlan(promptTokens, cache, choices, ttft, request.Profile.DecodeMsPerToken);
    }

    /// <summary>
    /// The length the model "wants": 120–499 tokens from the prompt's hash, unless a message states the answer's length
    /// plainly — a model follows that (the guide's advice to constrain length in the prompt works here too): one word or
    /// yes/no, 1–3 tokens; one sentence, 20–29; "in N words", about 1.2 N; N bullet points, about 30 each. A length stated
    /// only for some answers ("for lists, …", "if …") is not a statement about this one: the natural length stands.
    /// </summary>
    public static int NaturalLength(ulong seed, string promptText)
    {
        foreach (var sentence in System.Text.RegularExpressions.Regex.Split(promptText, @"(?<=[.!?;\n])"))
        {
            if (Conditional.IsMatch(sentence))
                continue;
            if (OneWord.IsMatch(sentence))
                return 1 + (int)(seed % 3);
            if (sentence.Contains("one sentence", StringComparison.OrdinalIgnoreCase))
                return 20 + (int)(seed % 10);
            if (Words.Match(sentence) is { Success: true } words)
                return Math.Max(1, (int)(int.Parse(words.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) * (1.1 + (seed % 3) / 10.0)));
            if (Bullets.Match(sentence) is { Success: true } bullets)
                return (Array.IndexOf(Numbers, bullets.Groups["n"].Value.ToLowerInvariant()) is var i and >= 0 ? i : int.Parse(bullets.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)) * (25 + (int)(seed % 10));
        }

        return 120 + (int)(seed % 380);
    }

    private static readonly System.Text.RegularExpressions.Regex Conditional = new(@"\b(if|when|whenever|unless|in case)\b|^(\s|\w+:)*(for|where)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    private static readonly System.Text.RegularExpressions.Regex OneWord = new(@"\b(one|a single|single) word\b|\byes or no\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    private static readonly System.Text.RegularExpressions.Regex Words = new(@"\b(in|under|at most|no more than|up to|within)\s+(?<n>\d{1,3})\s+words\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    private static readonly System.Text.RegularExpressions.Regex Bullets = new(@"\b(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(short\s+)?(bullet points|bullets)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    private static readonly string[] Numbers = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten" };

    private static ChoicePlan PlanChoice(ChatRequest request, ulong seed, bool thinking)
    {
        var cap = request.MaxTokens ?? int.MaxValue;
        var reasoningWanted = thinking ? Math.Min(request.ThinkingBudget ?? LatencyModel.DefaultReasoningTokens, LatencyModel.DefaultReasoningTokens) : 0;
        var reasoningCount = Math.Min(reasoningWanted, cap);
        var natural = NaturalLength(seed, string.Join("\n", request.Segments.Select(segment => segment.Text)));
        var answerCount = Math.Min(natural, Math.Max(0, cap - reasoningCount));
        var finish = answerCount < natural ? "length" : "stop";

        var reasoning = thinking ? Tokens.Generate(~seed, reasoningCount).ToList() : new List<string>();
        var answer = Tokens.Generate(seed, answerCount).ToList();
        if (request.Stop.Count > 0)
        {
            var text = "";
            for (var i = 0; i < answer.Count; i++)
            {
                text += answer[i];
                if (request.Stop.Any(s => s.Length > 0 && text.Contains(s, StringComparison.Ordinal)))
                {
                    // The stop sequence itself is not returned: keep the pieces before the one that completed it.
                    answer = answer.Take(i).ToList();
                    finish = "stop";
                    break;
                }
            }
        }

        return new ChoicePlan(reasoning, answer, finish);
    }

    /// <summary>Reads <c>messages</c> in OpenAI / DashScope form into segments; returns an error text when malformed.</summary>
    public static string? ReadMessages(JsonArray? messages, List<PromptSegment> segments, out string lastUserText)
    {
        lastUserText = "";
        if (messages is null || messages.Count == 0)
            return "messages must be a non-empty array";
        foreach (var node in messages)
        {
            if (node is not JsonObject message || message["role"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
                return "each message needs a role";
            var role = message["role"]!.GetValue<string>();
            var content = message["content"];
            var text = new System.Text.StringBuilder();
            switch (content)
            {
                case null:
                    segments.Add(new PromptSegment(role + ":", false));
                    break;
                case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                    segments.Add(new PromptSegment(role + ":" + value.GetValue<string>(), false));
                    text.Append(value.GetValue<string>());
                    break;
                case JsonArray parts:
                    segments.Add(new PromptSegment(role + ":", false));
                    foreach (var part in parts.OfType<JsonObject>())
                    {
                        var partText = part["text"] is JsonValue t && t.GetValueKind() == System.Text.Json.JsonValueKind.String
                            ? t.GetValue<string>()
                            : part.ToJsonString();   // images, audio: their reference counts as prompt
                        var marker = part["cache_control"] is JsonObject control && control["type"]?.ToString() == "ephemeral";
                        segments.Add(new PromptSegment(partText, marker));
                        text.Append(partText);
                    }

                    break;
                default:
                    return "content must be a string or an array of parts";
            }

            if (role == "user")
                lastUserText = text.ToString();
        }

        return null;
    }
}
