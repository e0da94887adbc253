using Cnblogs.DashScope.Core;

namespace PosterWorker;

public sealed class CatalogWriter(IDashScopeClient client)
{
    private const string Model = "qwen-flash";

    public async Task<List<string>> WriteBlurbsAsync(IReadOnlyList<string> products)
    {
        var blurbs = new List<string>();
        foreach (var product in products) // expect: QW0006
        {
            var response = await client.GetTextCompletionAsync(new ModelRequest<TextGenerationInput, ITextGenerationParameters>
            {
                Model = Model,
                Input = new TextGenerationInput { Messages = new[] { TextChatMessage.User($"Write a two-sentence catalog blurb for: {product}") } },
                Parameters = new TextGenerationParameters { ResultFormat = "message", MaxTokens = 120 },
            });
            blurbs.Add(response.Output.Choices![0].Message.Content);
        }

        return blurbs;
    }

    public async Task<string> TitleAndTagsAsync(string product)
    {
        var title = await client.GetTextCompletionAsync(new ModelRequest<TextGenerationInput, ITextGenerationParameters> // expect: QW0001
        {
            Model = Model,
            Input = new TextGenerationInput { Messages = new[] { TextChatMessage.User($"A catchy title for: {product}") } },
            Parameters = new TextGenerationParameters { ResultFormat = "message" },
        });
        var tags = await client.GetTextCompletionAsync(new ModelRequest<TextGenerationInput, ITextGenerationParameters> // expect: QW0003
        {
            Model = Model,
            Input = new TextGenerationInput { Messages = new[] { TextChatMessage.User($"Five search tags for: {product}") } },
            Parameters = new TextGenerationParameters { ResultFormat = "message", MaxTokens = 40 },
        });
        return title.Output.Choices![0].Message.Content + " | " + tags.Output.Choices![0].Message.Content;
    }

    public async Task<string> LongDescriptionAsync(string product, CancellationToken ct)
    {
        var text = new System.Text.StringBuilder();
        var request = new ModelRequest<TextGenerationInput, ITextGenerationParameters>
        {
            Model = Model,
            Input = new TextGenerationInput { Messages = new[] { TextChatMessage.User($"A detailed description of: {product}") } },
            Parameters = new TextGenerationParameters { ResultFormat = "message", MaxTokens = 800 },
        };
        await foreach (var chunk in client.GetTextCompletionStreamAsync(request, ct)) // expect: QW0007
            text.Append(chunk.Output.Choices![0].Message.Content);
        return text.ToString();
    }
}
