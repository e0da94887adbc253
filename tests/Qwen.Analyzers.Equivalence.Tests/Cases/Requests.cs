using System.Collections.Generic;

namespace Qwen.Analyzers.Equivalence.Tests;

public static partial class Cases
{
    /// <summary>Fixes that change what a request says: QW0004, QW0005, QW0008, QW0009, QW0010, QW0011, QW0012.</summary>
    public static class Requests
    {
        public static IEnumerable<EquivalenceCase> All => new[]
        {
            new EquivalenceCase("QW0004 the date ahead of the manual moves behind it", """
                using System;
                using System.ClientModel;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI;
                using OpenAI.Chat;

                public sealed class ManualDesk
                {
                    private static readonly string Manual = string.Concat(Enumerable.Range(0, 300).Select(i => $"Refund rule {i}: keep the receipt. "));
                    private readonly ChatClient _chat;

                    public ManualDesk(Uri dashScope, string apiKey)
                        => _chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") });

                    public async Task<string> AnswerAsync(string ticket, string question, CancellationToken ct)
                    {
                        ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[]
                        {
                            new SystemChatMessage($"Ticket {ticket}.\n\n{Manual}"),
                            new UserChatMessage(question),
                        }, new ChatCompletionOptions { MaxOutputTokenCount = 300 }, ct);
                        return completion.Content[0].Text;
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new ManualDesk(baseAddress, apiKey).AnswerAsync("T-1042", "Can I return shoes without the box?", cancellationToken);
                }
                """, new[] { "QW0004" }),

            new EquivalenceCase("QW0005 and QW0009 an image task: prompt_extend off, polled on the schedule", """
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Net.Http.Json;
                using System.Text.Json.Nodes;
                using System.Threading;
                using System.Threading.Tasks;

                public sealed class CoverImages(HttpClient http)
                {
                    public async Task<string> RenderAsync(string prompt, CancellationToken ct)
                    {
                        using var submit = new HttpRequestMessage(HttpMethod.Post, "api/v1/services/aigc/text2image/image-synthesis")
                        {
                            Content = JsonContent.Create(new { model = "wan2.2-t2i-flash", input = new { prompt }, parameters = new { size = "1024*1024", n = 1 } }),
                        };
                        submit.Headers.Add("X-DashScope-Async", "enable");
                        using var submitted = await http.SendAsync(submit, ct);
                        submitted.EnsureSuccessStatusCode();
                        var taskId = JsonNode.Parse(await submitted.Content.ReadAsStringAsync(ct))!["output"]!["task_id"]!.GetValue<string>();
                        while (true)
                        {
                            var json = JsonNode.Parse(await http.GetStringAsync($"api/v1/tasks/{taskId}", ct))!;
                            var status = json["output"]!["task_status"]!.GetValue<string>();
                            if (status == "SUCCEEDED")
                                return status + " " + (json["output"]!["results"]![0]!["url"] is not null);
                            if (status is "FAILED" or "CANCELED" or "UNKNOWN")
                                throw new InvalidOperationException($"Cover image task ended {status}");
                            await Task.Delay(TimeSpan.FromSeconds(1), ct);
                        }
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        using var http = new HttpClient { BaseAddress = baseAddress };
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                        return await new CoverImages(http).RenderAsync("A watercolor of a bicycle shop at dawn", cancellationToken);
                    }
                }
                """, new[] { "QW0005", "QW0009" }, IntendedChanges: new[] { "requests" }),

            new EquivalenceCase("QW0010 thinking off for a Qwen3.5 answer a person waits for", """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using OpenAI;
                using OpenAI.Chat;

                [ApiController]
                [Route("api/status")]
                public sealed class StatusController : ControllerBase
                {
                    private readonly ChatClient _chat;

                    public StatusController(Uri dashScope, string apiKey)
                        => _chat = new ChatClient("qwen3.5-flash", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") });

                    [HttpGet]
                    public async Task<string> Explain(string order, CancellationToken ct)
                    {
                        var options = new ChatCompletionOptions { MaxOutputTokenCount = 600 };
                        var updates = _chat.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage("Explain the status of order " + order) }, options, ct);
                        var text = new System.Text.StringBuilder();
                        await foreach (var update in updates)
                        {
                            foreach (var part in update.ContentUpdate)
                                text.Append(part.Text);
                        }

                        return text.ToString();
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new StatusController(baseAddress, apiKey).Explain("A-77", cancellationToken);
                }
                """, new[] { "QW0010" }, IntendedChanges: new[] { "result" }),

            new EquivalenceCase("QW0011 enable_thinking in AdditionalProperties reaches the wire through the helper", """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenAI;

                public sealed class Router
                {
                    private readonly IChatClient _chat;

                    public Router(Uri dashScope, string apiKey)
                        => _chat = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") })
                            .GetChatClient("qwen3.5-flash").AsIChatClient();

                    public async Task<string> RouteAsync(string ticket, CancellationToken ct)
                    {
                        var options = new ChatOptions { MaxOutputTokens = 600, AdditionalProperties = new() { ["enable_thinking"] = false } };
                        var text = new System.Text.StringBuilder();
                        await foreach (var update in _chat.GetStreamingResponseAsync("Which team should take this ticket, and why? " + ticket, options, ct))
                            text.Append(update.Text);
                        return text.ToString();
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new Router(baseAddress, apiKey).RouteAsync("Refund not received after 10 days.", cancellationToken);
                }
                """, new[] { "QW0011" }, IntendedChanges: new[] { "result" }),

            new EquivalenceCase("QW0012 a controller's own HttpClient becomes one shared client", """
                using System;
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Text.Json.Nodes;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;

                [ApiController]
                [Route("api/translate")]
                public sealed class TranslateController(Uri dashScope, string apiKey) : ControllerBase
                {
                    private readonly HttpClient _http = new HttpClient();

                    [HttpPost]
                    public async Task<string> Translate([FromBody] string text, CancellationToken ct)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(dashScope, "compatible-mode/v1/chat/completions"))
                        {
                            Content = JsonContent.Create(new { model = "qwen-mt-turbo", max_tokens = 400, stream = false, messages = new[] { new { role = "user", content = "Translate to French: " + text } } }),
                        };
                        request.Headers.Add("Authorization", "Bearer " + apiKey);
                        using var response = await _http.SendAsync(request, ct);
                        response.EnsureSuccessStatusCode();
                        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new TranslateController(baseAddress, apiKey).Translate("The parcel arrived damaged.", cancellationToken);
                }
                """, new[] { "QW0012" }),

            new EquivalenceCase("QW0008 a cache marker on a lone text part is built with the helper", """
                #pragma warning disable SCME0001
                using System;
                using System.ClientModel;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI;
                using OpenAI.Chat;

                public static class Manual
                {
                    public static readonly string Text = string.Concat(Enumerable.Range(0, 400).Select(i => $"Escalation rule {i}: page the on-call lead. "));

                    public static ChatMessage Cached()
                    {
                        var part = ChatMessageContentPart.CreateTextPart(Text);
                        part.Patch.Set("$.cache_control"u8, BinaryData.FromString("{\"type\":\"ephemeral\"}"));
                        return new SystemChatMessage(part);
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        var chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(baseAddress, "compatible-mode/v1") });
                        ChatCompletion note = await chat.CompleteChatAsync(new ChatMessage[] { Manual.Cached(), new UserChatMessage("Write the escalation note for ticket T-9.") }, new ChatCompletionOptions { MaxOutputTokenCount = 300 }, cancellationToken);
                        return note.Content[0].Text;
                    }
                }
                """, new[] { "QW0008" }),
        };
    }
}
