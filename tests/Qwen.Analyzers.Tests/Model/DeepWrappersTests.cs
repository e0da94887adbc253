using System.Linq;
using System.Threading.Tasks;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// The project's own wrappers, nested as apps nest them (a plan step over a service over a client over the SDK): a call
/// three methods down counts as a model call for QW0003 and QW0006; four methods down is as far as it is followed.
/// </summary>
public class DeepWrappersTests
{
    private static string Planner(string steps) => $$"""
        using System.Collections.Generic;
        using System.ClientModel;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        public class QwenGateway(ChatClient chat)
        {
            public async Task<string> AskAsync(string prompt)
            {
                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, new ChatCompletionOptions { MaxOutputTokenCount = 200 });
                return completion.Content[0].Text;
            }
        }

        public class ResearchService(QwenGateway gateway)
        {
            public Task<string> OutlineAsync(string topic) => gateway.AskAsync("Outline: " + topic);
            public Task<string> RisksAsync(string topic) => gateway.AskAsync("Risks of: " + topic);
        }

        public class PlanSteps(ResearchService research)
        {
            public async Task<string> OutlineStepAsync(string topic) => await research.OutlineAsync(topic);
            public async Task<string> RisksStepAsync(string topic) => await research.RisksAsync(topic);
        }

        public class Planner(PlanSteps steps)
        {
            public async Task<string> PlanAsync(string topic, IReadOnlyList<string> subtopics)
            {
                {{steps}}
            }
        }
        """;

    /// <summary>The wrapper rules' findings only (the gateway's own call also gets QW0002's suggestion: its answer is returned).</summary>
    private static async Task<string> WrapperFindingsAsync(string steps)
        => Analysis.Ids((await Analysis.RunAsync(Planner(steps))).Where(d => d.Id is "QW0003" or "QW0006"));

    [Fact]
    public async Task Independent_steps_three_wrappers_down_are_awaited_in_sequence()
        => Assert.Equal("QW0003", await WrapperFindingsAsync("""
            var outline = await steps.OutlineStepAsync(topic);
            var risks = await steps.RisksStepAsync(topic);
            return outline + risks;
            """));

    [Fact]
    public async Task A_loop_over_a_step_three_wrappers_down_is_one_call_per_item()
        => Assert.Equal("QW0006", await WrapperFindingsAsync("""
            var parts = new List<string>();
            foreach (var subtopic in subtopics)
                parts.Add(await steps.OutlineStepAsync(subtopic));
            return string.Join("\n", parts);
            """));

    [Fact]
    public async Task A_step_that_depends_on_the_one_before_is_left_alone()
        => Assert.Equal("", await WrapperFindingsAsync("""
            var outline = await steps.OutlineStepAsync(topic);
            var risks = await steps.RisksStepAsync(outline);
            return outline + risks;
            """));
}
