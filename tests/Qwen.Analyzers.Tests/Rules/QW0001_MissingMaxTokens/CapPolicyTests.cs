using System.Threading.Tasks;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Rules;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.MissingMaxTokensAnalyzer, Qwen.Analyzers.CodeFixes.MissingMaxTokensFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>
/// The cap QW0001's fix writes comes from what the code shows: in bulk only from a length the prompt states for the whole
/// answer, on a model known not to think, with twice the room that length needs; nothing in bulk for open-ended answers,
/// lengths stated for some answers only, translations, thinking models and models the code does not show.
/// </summary>
public class CapPolicyTests
{
    [Theory]
    [InlineData("Reply with one word: positive, negative or neutral.", 32)]
    [InlineData("Is this message spam? Answer yes or no.", 32)]
    [InlineData("Respond with only the category name (billing, technical, account).", 32)]
    [InlineData("Summarize the ticket in one sentence.", 128)]
    [InlineData("Describe the product in under 50 words.", 160)]
    [InlineData("List 3 bullet points the agent should check.", 256)]
    [InlineData("用一句话总结这张工单。", 128)]
    [InlineData("请用不超过100字总结。", 224)]
    public void ShortAnswers_GetSmallCaps(string prompt, int tokens)
    {
        var intent = PromptIntent.Classify(prompt);
        Assert.Equal(IntentKind.Short, intent.Kind);
        Assert.Equal(tokens, intent.Tokens);
    }

    /// <summary>A length stated for some answers only is a rule for those answers: it says nothing about the rest.</summary>
    [Theory]
    [InlineData("You are the shop's assistant. For lists of products, at most five bullet points.")]
    [InlineData("Help the customer. If they ask for a status, reply in one sentence.")]
    [InlineData("When the question is a yes/no question, answer yes or no; otherwise explain.")]
    [InlineData("如果用户问价格，用一句话回答。")]
    public void LengthsForSomeAnswersOnly_SayNothingAboutLength(string prompt)
        => Assert.Equal(IntentKind.None, PromptIntent.Classify(prompt).Kind);

    [Fact]
    public void AConditionalClauseBeforeAnUnconditionalOne_TheUnconditionalCounts()
    {
        var intent = PromptIntent.Classify("If the ticket is empty, say so. Summarize the ticket in one sentence.");
        Assert.Equal(IntentKind.Short, intent.Kind);
        Assert.Equal(128, intent.Tokens);
    }

    /// <summary>The shopping assistant of the field report: a persona with a conditional list clause got MaxOutputTokenCount = 432 on every answer.</summary>
    [Fact]
    public Task PersonaWithAConditionalListClause_NoBulkCap() => VerifyCS.Code(Sources.OpenAI + """
        public sealed class ShopAssistant
        {
            private readonly ChatClient _chat = new("qwen-plus", new ApiKeyCredential("sk-key"));
            private const string Persona = "You are the assistant of an outdoor shop. Be friendly. For lists of products, at most five bullet points.";

            public async Task<string> AnswerAsync(List<ChatMessage> history, string question)
            {
                history.Add(new UserChatMessage(question));
                ChatCompletion completion = await _chat.{|QW0001:CompleteChatAsync|}(new ChatMessage[] { new SystemChatMessage(Persona), new UserChatMessage(question) });
                return completion.Content[0].Text;
            }
        }
        """).FixedTo(Sources.OpenAI + """
        public sealed class ShopAssistant
        {
            private readonly ChatClient _chat = new("qwen-plus", new ApiKeyCredential("sk-key"));
            private const string Persona = "You are the assistant of an outdoor shop. Be friendly. For lists of products, at most five bullet points.";

            public async Task<string> AnswerAsync(List<ChatMessage> history, string question)
            {
                history.Add(new UserChatMessage(question));
                ChatCompletion completion = await _chat.CompleteChatAsync(
                    new ChatMessage[] { new SystemChatMessage(Persona), new UserChatMessage(question) },
                    new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
                return completion.Content[0].Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Theory]
    [InlineData("Translate the following article into German. Reply with only the translation.")]
    [InlineData("Rewrite this email in a friendlier tone.")]
    [InlineData("请将下面的文字翻译成英文。")]
    public void TranslationsAndRewrites_AreTransforms_EvenWhenTheyAskForOnlyTheResult(string prompt)
        => Assert.Equal(IntentKind.Transform, PromptIntent.Classify(prompt).Kind);

    [Theory]
    [InlineData("Return only a JSON object with one word per field.")]
    [InlineData("You are a helpful support agent for Contoso.")]
    [InlineData("Explain the refund policy to the customer.")]
    public void OtherPrompts_SayNothingAboutLength(string prompt)
        => Assert.Equal(IntentKind.None, PromptIntent.Classify(prompt).Kind);

    [Fact]
    public Task Classifier_OnANonThinkingModel_GetsA32TokenCap() => VerifyCS.Code(Sources.OpenAI + """
        public sealed class SentimentService
        {
            private readonly ChatClient _chat = new("qwen-flash", new ApiKeyCredential("sk"), new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });

            public async Task<string> ClassifyAsync(string review, CancellationToken ct)
            {
                ChatCompletion completion = await _chat.{|QW0001:CompleteChatAsync|}(new ChatMessage[] { new SystemChatMessage("Reply with one word: positive, negative or neutral."), new UserChatMessage(review) }, cancellationToken: ct);
                return completion.Content[0].Text;
            }
        }
        """).FixedTo(Sources.OpenAI + """
        public sealed class SentimentService
        {
            private readonly ChatClient _chat = new("qwen-flash", new ApiKeyCredential("sk"), new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });

            public async Task<string> ClassifyAsync(string review, CancellationToken ct)
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(
                    new ChatMessage[] { new SystemChatMessage("Reply with one word: positive, negative or neutral."), new UserChatMessage(review) },
                    new ChatCompletionOptions { MaxOutputTokenCount = 32 },
                    cancellationToken: ct);
                return completion.Content[0].Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Classifier_OnAnUnknownModel_NoBulkCap_OfferedOneAtATime() => VerifyCS.Code(Sources.ExtensionsAI + """
        public sealed class SentimentService(IChatClient chat)
        {
            public async Task<string> ClassifyAsync(string review) => (await chat.{|QW0001:GetResponseAsync|}("Reply with one word: positive, negative or neutral.\n" + review)).Text;
        }
        """).FixedTo(Sources.ExtensionsAI + """
        public sealed class SentimentService(IChatClient chat)
        {
            public async Task<string> ClassifyAsync(string review) => (await chat.GetResponseAsync(
                "Reply with one word: positive, negative or neutral.\n" + review,
                new ChatOptions { MaxOutputTokens = 1024 })).Text;
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task DefaultModelOption_TellsTheModel() => VerifyCS.Code(Sources.ExtensionsAI + """
        public sealed class Summaries(IChatClient chat)
        {
            public async Task<string> OneLinerAsync(string ticket) => (await chat.{|QW0001:GetResponseAsync|}("Summarize the ticket in one sentence:\n" + ticket)).Text;
        }
        """).WithEditorConfig("qwen_analyzers.default_model = qwen-plus").FixedTo(Sources.ExtensionsAI + """
        public sealed class Summaries(IChatClient chat)
        {
            public async Task<string> OneLinerAsync(string ticket) => (await chat.GetResponseAsync(
                "Summarize the ticket in one sentence:\n" + ticket,
                new ChatOptions { MaxOutputTokens = 128 })).Text;
        }
        """).RunAsync();

    [Fact]
    public Task StructuredOutput_OfAFewScalars_GetsASmallCap() => VerifyCS.Code(Sources.ExtensionsAI + """
        public enum Priority { Low, Normal, Urgent }
        public sealed record Triage(Priority Priority, bool NeedsHuman);

        public sealed class TriageService(IChatClient chat)
        {
            public async Task<Triage> TriageAsync(string ticket)
            {
                var options = new ChatOptions { ModelId = "qwen-turbo" };
                return (await chat.{|QW0001:GetResponseAsync<Triage>|}(ticket, options)).Result;
            }
        }
        """).FixedTo(Sources.ExtensionsAI + """
        public enum Priority { Low, Normal, Urgent }
        public sealed record Triage(Priority Priority, bool NeedsHuman);

        public sealed class TriageService(IChatClient chat)
        {
            public async Task<Triage> TriageAsync(string ticket)
            {
                var options = new ChatOptions { ModelId = "qwen-turbo", MaxOutputTokens = 112 };
                return (await chat.GetResponseAsync<Triage>(ticket, options)).Result;
            }
        }
        """).RunAsync();

    private const string Writer = """
        public sealed class Writer(OpenAIClient openAI)
        {
            private readonly ChatClient _chat = openAI.GetChatClient(Models.Plus);
            private readonly ChatClient _router;

            public Writer(OpenAIClient openAI, bool fast) : this(openAI) => _router = openAI.GetChatClient(Models.Fast);

            public async Task<string> ToGermanAsync(string article)
            {
                ChatCompletion completion = await _chat.{|#0:CompleteChatAsync|}(new SystemChatMessage("Translate the user's article into German."), new UserChatMessage(article));
                return completion.Content[0].Text;
            }

            public async Task<string> TitleAsync(string article)
            {
                ChatCompletion completion = await _chat.{|#1:CompleteChatAsync|}(new SystemChatMessage("Give the article a title of one line."), new UserChatMessage(article));
                return completion.Content[0].Text;
            }

            public async Task<string> IsBillingAsync(string question)
            {
                ChatCompletion completion = await _router.{|#2:CompleteChatAsync|}(new UserChatMessage("Answer yes or no: is this about billing? " + question));
                return completion.Content[0].Text;
            }
        }

        public static class Models
        {
            public const string Plus = "qwen-plus";
            public static readonly string Fast = "qwen3.5-flash";
        }
        """;

    /// <summary>
    /// A translation (its length is the input's) and a thinking model's short answer (the cap counts the reasoning) are
    /// capped one at a time only; the title's one-liner on a non-thinking model is capped in bulk.
    /// </summary>
    [Fact]
    public Task TranslationAndThinkingModel_FixedOneAtATime_NeverInBulk() => VerifyCS.Code(Sources.OpenAI + Writer.Replace("{|#0:CompleteChatAsync|}", "{|QW0001:CompleteChatAsync|}").Replace("{|#1:CompleteChatAsync|}", "{|QW0001:CompleteChatAsync|}").Replace("{|#2:CompleteChatAsync|}", "{|QW0001:CompleteChatAsync|}")).FixedTo(Sources.OpenAI + Writer
            .Replace("_chat.{|#0:CompleteChatAsync|}(new SystemChatMessage(\"Translate the user's article into German.\"), new UserChatMessage(article))",
                "_chat.CompleteChatAsync(\n            new ChatMessage[] { new SystemChatMessage(\"Translate the user's article into German.\"), new UserChatMessage(article) },\n            new ChatCompletionOptions { MaxOutputTokenCount = 1024 })")
            .Replace("_chat.{|#1:CompleteChatAsync|}(new SystemChatMessage(\"Give the article a title of one line.\"), new UserChatMessage(article))",
                "_chat.CompleteChatAsync(\n            new ChatMessage[] { new SystemChatMessage(\"Give the article a title of one line.\"), new UserChatMessage(article) },\n            new ChatCompletionOptions { MaxOutputTokenCount = 128 })")
            .Replace("_router.{|#2:CompleteChatAsync|}(new UserChatMessage(\"Answer yes or no: is this about billing? \" + question))",
                "_router.CompleteChatAsync(\n            new ChatMessage[] { new UserChatMessage(\"Answer yes or no: is this about billing? \" + question) },\n            new ChatCompletionOptions { MaxOutputTokenCount = 4096 })")).FixAllTo(Sources.OpenAI + Writer
            .Replace("{|#0:CompleteChatAsync|}", "{|QW0001:CompleteChatAsync|}")
            .Replace("_chat.{|#1:CompleteChatAsync|}(new SystemChatMessage(\"Give the article a title of one line.\"), new UserChatMessage(article))",
                "_chat.CompleteChatAsync(\n            new ChatMessage[] { new SystemChatMessage(\"Give the article a title of one line.\"), new UserChatMessage(article) },\n            new ChatCompletionOptions { MaxOutputTokenCount = 128 })")
            .Replace("{|#2:CompleteChatAsync|}", "{|QW0001:CompleteChatAsync|}")).RunAsync();

    /// <summary>
    /// Options that turn thinking off with the Qwen.Latency helper (what QW0010's fix writes) are read through it: the cap
    /// is still missing, and with thinking off the small cap a label needs is safe to write in bulk.
    /// </summary>
    [Fact]
    public Task ThinkingTurnedOffByTheHelper_CappedThroughIt_InBulk() => VerifyCS.Code(Sources.ExtensionsAI + """
        using Qwen.Latency;

        public sealed class Router(IChatClient chat)
        {
            private static readonly IChatClient Fast = new OpenAI.Chat.ChatClient("qwen3.5-flash", "k").AsIChatClient();

            public async Task<string> RouteAsync(string question)
            {
                var options = new ChatOptions { Temperature = 0 }.WithoutThinking();
                var response = await Fast.{|QW0001:GetResponseAsync|}("Answer with one word, billing or other: " + question, options);
                return response.Text;
            }
        }
        """).FixedTo(Sources.ExtensionsAI + """
        using Qwen.Latency;

        public sealed class Router(IChatClient chat)
        {
            private static readonly IChatClient Fast = new OpenAI.Chat.ChatClient("qwen3.5-flash", "k").AsIChatClient();

            public async Task<string> RouteAsync(string question)
            {
                var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 32 }.WithoutThinking();
                var response = await Fast.GetResponseAsync("Answer with one word, billing or other: " + question, options);
                return response.Text;
            }
        }
        """).RunAsync();

    /// <summary>A call written over several lines stays over several lines: the messages keep their line breaks.</summary>
    [Fact]
    public Task MultiLineCall_KeepsItsLines() => VerifyCS.Code(Sources.OpenAI + """
        public sealed class Drafts(ChatClient chat)
        {
            public async Task<string> DraftAsync(string ticket, CancellationToken ct)
            {
                ChatCompletion completion = await chat.{|QW0001:CompleteChatAsync|}(
                    new SystemChatMessage("You draft replies for the support team."),
                    new UserChatMessage(ticket));
                return completion.Content[0].Text;
            }
        }
        """).FixedTo(Sources.OpenAI + """
        public sealed class Drafts(ChatClient chat)
        {
            public async Task<string> DraftAsync(string ticket, CancellationToken ct)
            {
                ChatCompletion completion = await chat.CompleteChatAsync(
                    new ChatMessage[]
                    {
                        new SystemChatMessage("You draft replies for the support team."),
                        new UserChatMessage(ticket)
                    },
                    new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
                return completion.Content[0].Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();
}
