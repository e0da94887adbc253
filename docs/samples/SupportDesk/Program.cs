using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenAI;
using OpenAI.Chat;
using SupportDesk;

var builder = WebApplication.CreateBuilder(args);
var endpoint = new Uri(builder.Configuration["Qwen:Endpoint"] ?? "https://dashscope-intl.aliyuncs.com/compatible-mode/v1");
var key = new ApiKeyCredential(builder.Configuration["Qwen:ApiKey"] ?? "sk-local");
// Models as the latency guide's table picks them: qwen3.5-plus for general answers, qwen3.5-flash for classification;
// the nightly labels run on qwen-flash. Both Qwen3.5 models think before they answer unless told not to.
var chatClient = new ChatClient("qwen3.5-plus", key, new OpenAIClientOptions { Endpoint = endpoint });

builder.Services.AddSingleton(chatClient);
builder.Services.AddSingleton<IChatClient>(chatClient.AsIChatClient());
builder.Services.AddSingleton(_ => Kernel.CreateBuilder().AddOpenAIChatCompletion("qwen3.5-flash", endpoint, builder.Configuration["Qwen:ApiKey"] ?? "sk-local").Build());
builder.Services.AddHttpClient<NativeQwenClient>(http =>
        http.DefaultRequestHeaders.Authorization = new("Bearer", builder.Configuration["Qwen:ApiKey"] ?? "sk-local"))
    .AddHttpMessageHandler(() => new DashScopeHostOverride(builder.Configuration["Qwen:NativeHost"]));

var app = builder.Build();

// A customer asks a question in the help widget and waits for the answer, which the widget shows as text.
app.MapPost("/tickets/{id}/answer", async (string id, TicketQuestion question, ChatClient chat) =>
{
    ChatCompletion completion = await chat.CompleteChatAsync(
        new SystemChatMessage($"Ticket {id}, received {DateTime.UtcNow:u}.\n\n{SupportManual.Text}"),
        new UserChatMessage(question.Text));
    return Results.Text(completion.Content[0].Text);
});

// An agent opens a long ticket thread and reads its summary in the side panel.
app.MapGet("/tickets/{id}/summary", async (string id, IChatClient chat) =>
{
    var options = new ChatOptions { Temperature = 0 };
    var response = await chat.GetResponseAsync($"Summarize ticket {id} for the on-call engineer.", options);
    return Results.Text(response.Text);
});

// A digest for the on-call engineer: a summary and a French translation of the same thread.
app.MapGet("/tickets/{id}/digest", async (string id, IChatClient chat) =>
{
    var options = new ChatOptions { MaxOutputTokens = 300 };
    var summary = await chat.GetResponseAsync($"Summarize ticket {id} in three bullet points.", options);
    var translation = await chat.GetResponseAsync($"Translate ticket {id} into French.", options);
    return Results.Ok(new { id, summary = summary.Text, french = translation.Text });
});

// Triage through Semantic Kernel.
app.MapPost("/tickets/triage", async (TicketQuestion question, Kernel kernel) =>
{
    var result = await kernel.InvokePromptAsync("Classify this support ticket as billing, outage or other: {{$ticket}}",
        new KernelArguments { ["ticket"] = question.Text });
    return Results.Ok(new { category = result.GetValue<string>() });
});

// An escalation note, grounded in the manual, which is marked for Qwen's explicit context cache.
app.MapGet("/tickets/{id}/escalation", async (string id, ChatClient chat) =>
{
    ChatCompletion note = await chat.CompleteChatAsync(
        new OpenAI.Chat.ChatMessage[] { SupportManual.Cached(), new UserChatMessage($"Write the escalation note for ticket {id}.") },
        new ChatCompletionOptions { MaxOutputTokenCount = 400 });
    return Results.Ok(new { id, note = note.Content[0].Text });
});

// The native DashScope API, called by hand.
app.MapPost("/tickets/draft", async (TicketQuestion question, NativeQwenClient native) =>
    Results.Ok(new { draft = await native.DraftReplyAsync(question.Text) }));

// The same, streamed over server-sent events.
app.MapPost("/tickets/draft/stream", async (TicketQuestion question, NativeQwenClient native) =>
    Results.Ok(new { draft = await native.StreamDraftAsync(question.Text) }));

// An illustration for the knowledge base: an async image task, polled by hand.
app.MapPost("/kb/illustration", async (TicketQuestion question, NativeQwenClient native) =>
    Results.Ok(new { image = await native.IllustrateAsync(question.Text) }));

if (args.Contains("--nightly-triage"))
{
    // The nightly batch job: label yesterday's tickets.
    var labeller = new ChatClient("qwen-flash", key, new OpenAIClientOptions { Endpoint = endpoint }).AsIChatClient();
    var labels = await NightlyTriage.LabelAsync(labeller, NightlyTriage.YesterdaysTickets);
    Console.WriteLine(string.Join(", ", labels));
    return;
}

app.Run();

namespace SupportDesk
{
    public static class SupportManual
    {
        /// <summary>The support manual every answer is grounded in: static, and long enough (about 1,500 tokens) to be cached.</summary>
        public static readonly string Text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "support-manual.md"));

        /// <summary>The manual as an explicitly cached system message: the marker sits on the only text part.</summary>
        public static OpenAI.Chat.ChatMessage Cached()
        {
            var part = ChatMessageContentPart.CreateTextPart(Text);
            part.Patch.Set("$.cache_control"u8, BinaryData.FromString("{\"type\":\"ephemeral\"}"));
            return new SystemChatMessage(part);
        }
    }

    public static class NightlyTriage
    {
        public static readonly string[] YesterdaysTickets =
        [
            "Printer on fire", "Refund for order 42", "Login page is down", "Invoice shows the wrong VAT number",
            "Parcel says delivered but nothing arrived", "TV arrived with a cracked screen", "Charged twice for one order",
            "Cannot redeem my streaming voucher", "Checkout times out", "Wall mounting appointment missed",
            "Warranty repair taking five weeks", "Someone changed my delivery address",
        ];

        public static async Task<List<string>> LabelAsync(IChatClient chat, IReadOnlyList<string> tickets)
        {
            var options = new ChatOptions { MaxOutputTokens = 5, Temperature = 0 };
            var labels = new List<string>();
            foreach (var ticket in tickets)
            {
                var response = await chat.GetResponseAsync($"Label this ticket as billing, outage or other: {ticket}", options);
                labels.Add(response.Text);
            }

            return labels;
        }
    }

    public sealed record TicketQuestion(string Text);

    /// <summary>
    /// Sends DashScope requests to another host when <c>Qwen:NativeHost</c> is set (a local simulator in tests and
    /// benchmarks); the code keeps its real DashScope URLs.
    /// </summary>
    public sealed class DashScopeHostOverride(string? host) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (host is not null && request.RequestUri is { } uri && uri.Host.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase))
                request.RequestUri = new Uri(new Uri(host), uri.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    public sealed class NativeQwenClient(HttpClient http)
    {
        public async Task<string> DraftReplyAsync(string ticket)
        {
            using var response = await http.PostAsJsonAsync(
                "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation",
                new
                {
                    model = "qwen-plus",
                    input = new { messages = new[] { new { role = "user", content = $"Draft a reply to: {ticket}" } } },
                    parameters = new { result_format = "message" },
                });
            return await response.Content.ReadAsStringAsync();
        }

        public async Task<string> StreamDraftAsync(string ticket)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation")
            {
                Content = JsonContent.Create(new { model = "qwen-plus", input = new { prompt = ticket }, parameters = new { max_completion_tokens = 400 } }),
            };
            request.Headers.Add("X-DashScope-SSE", "enable");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return await response.Content.ReadAsStringAsync();
        }

        public async Task<string> IllustrateAsync(string description)
        {
            var submit = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis")
            {
                Content = JsonContent.Create(new
                {
                    model = "wan2.2-t2i-flash",
                    input = new { prompt = $"A clean, flat illustration for a help-center article: {description}" },
                    parameters = new { size = "1024*1024", n = 1 },
                }),
            };
            submit.Headers.Add("X-DashScope-Async", "enable");
            using var submitted = await http.SendAsync(submit);
            var taskId = System.Text.Json.Nodes.JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["output"]!["task_id"]!.GetValue<string>();

            while (true)
            {
                var json = await http.GetStringAsync($"https://dashscope-intl.aliyuncs.com/api/v1/tasks/{taskId}");
                var status = System.Text.Json.Nodes.JsonNode.Parse(json)!["output"]!["task_status"]!.GetValue<string>();
                if (status == "SUCCEEDED")
                    return json;
                if (status is "FAILED" or "CANCELED" or "UNKNOWN")
                    throw new InvalidOperationException($"Task {taskId} ended {status}");
                await Task.Delay(1000);
            }
        }
    }
}
