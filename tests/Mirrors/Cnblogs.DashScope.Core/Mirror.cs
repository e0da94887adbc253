// Mirrors the public signatures of Cnblogs.DashScope.Core from github.com/cnblogs/dashscope-sdk at commit
// 030bbb271e23ae9e67431a6f4489f12a441d03e1 (the release line with EnableThinking / ThinkingBudget and
// IncrementalOutput on the parameters; before MaxCompletionTokens). Namespaces, type and member names, parameter
// types and defaults are copied from the public source; only what the analyzers and their tests touch is mirrored,
// and bodies throw: the analyzers read symbols, nothing here runs. Keep every mirrored SDK type in this one file.
#pragma warning disable CA1822, CA1716, CA1720, CS8618

namespace Cnblogs.DashScope.Core
{
    public interface IDashScopeClient
    {
        Uri? BaseAddress { get; }

        Task<ModelResponse<TextGenerationOutput, TextGenerationTokenUsage>> GetTextCompletionAsync(
            ModelRequest<TextGenerationInput, ITextGenerationParameters> input,
            CancellationToken cancellationToken = default);

        IAsyncEnumerable<ModelResponse<TextGenerationOutput, TextGenerationTokenUsage>> GetTextCompletionStreamAsync(
            ModelRequest<TextGenerationInput, ITextGenerationParameters> input,
            CancellationToken cancellationToken = default);

        Task<ModelResponse<MultimodalOutput, MultimodalTokenUsage>> GetMultimodalGenerationAsync(
            ModelRequest<MultimodalInput, IMultimodalParameters> input,
            CancellationToken cancellationToken = default);

        IAsyncEnumerable<ModelResponse<MultimodalOutput, MultimodalTokenUsage>> GetMultimodalGenerationStreamAsync(
            ModelRequest<MultimodalInput, IMultimodalParameters> input,
            CancellationToken cancellationToken = default);

        Task<ModelResponse<TextEmbeddingOutput, TextEmbeddingTokenUsage>> GetEmbeddingsAsync(
            ModelRequest<TextEmbeddingInput, ITextEmbeddingParameters> input,
            CancellationToken cancellationToken = default);

        Task<ModelResponse<ImageSynthesisOutput, ImageSynthesisUsage>> CreateImageSynthesisTaskAsync(
            ModelRequest<ImageSynthesisInput, IImageSynthesisParameters> input,
            CancellationToken cancellationToken = default);

        Task<DashScopeTask<TOutput, TUsage>> GetTaskAsync<TOutput, TUsage>(
            string taskId,
            CancellationToken cancellationToken = default)
            where TUsage : class;

        Task<DashScopeTaskOperationResponse> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default);
    }

    public class DashScopeClientWebSocketPool
    {
    }

    public class DashScopeClientCore : IDashScopeClient
    {
        public DashScopeClientCore(HttpClient httpClient, DashScopeClientWebSocketPool pool) => throw new NotSupportedException();

        public Uri? BaseAddress => throw new NotSupportedException();

        public Task<ModelResponse<TextGenerationOutput, TextGenerationTokenUsage>> GetTextCompletionAsync(
            ModelRequest<TextGenerationInput, ITextGenerationParameters> input,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ModelResponse<TextGenerationOutput, TextGenerationTokenUsage>> GetTextCompletionStreamAsync(
            ModelRequest<TextGenerationInput, ITextGenerationParameters> input,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ModelResponse<MultimodalOutput, MultimodalTokenUsage>> GetMultimodalGenerationAsync(
            ModelRequest<MultimodalInput, IMultimodalParameters> input,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ModelResponse<MultimodalOutput, MultimodalTokenUsage>> GetMultimodalGenerationStreamAsync(
            ModelRequest<MultimodalInput, IMultimodalParameters> input,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ModelResponse<TextEmbeddingOutput, TextEmbeddingTokenUsage>> GetEmbeddingsAsync(
            ModelRequest<TextEmbeddingInput, ITextEmbeddingParameters> input,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ModelResponse<ImageSynthesisOutput, ImageSynthesisUsage>> CreateImageSynthesisTaskAsync(
            ModelRequest<ImageSynthesisInput, IImageSynthesisParameters> input,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DashScopeTask<TOutput, TUsage>> GetTaskAsync<TOutput, TUsage>(
            string taskId,
            CancellationToken cancellationToken = default)
            where TUsage : class => throw new NotSupportedException();

        public Task<DashScopeTaskOperationResponse> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    public class DashScopeClient : DashScopeClientCore
    {
        public DashScopeClient(
            string apiKey,
            TimeSpan? timeout = null,
            string baseAddress = "https://dashscope.aliyuncs.com/api/v1/",
            string baseWebsocketAddress = "wss://dashscope.aliyuncs.com/api-ws/v1/inference/",
            string? workspaceId = null,
            int socketPoolSize = 32)
            : base(null!, null!)
        {
        }
    }

    public interface IDashScopeOssUploadConfig
    {
        bool EnableOssResolve();
    }

    public class ModelRequest<TInput>
        where TInput : class
    {
        public string Model { get; init; } = string.Empty;

        public TInput Input { get; init; } = null!;
    }

    public class ModelRequest<TInput, TParameter> : ModelRequest<TInput>, IDashScopeOssUploadConfig
        where TInput : class
        where TParameter : class
    {
        public TParameter? Parameters { get; set; }

        public bool EnableOssResolve() => throw new NotSupportedException();
    }

    public record ModelResponse<TOutput, TUsage>
        where TOutput : class
        where TUsage : class
    {
        public TOutput Output { get; init; } = null!;

        public TUsage? Usage { get; init; }

        public string RequestId { get; set; } = string.Empty;
    }

    public interface IIncrementalOutputParameter
    {
        public bool? IncrementalOutput { get; }
    }

    public interface ISeedParameter
    {
        public ulong? Seed { get; }
    }

    public interface IProbabilityParameter
    {
        public float? TopP { get; }

        public int? TopK { get; }

        public float? Temperature { get; }
    }

    public interface IPenaltyParameter
    {
        public float? RepetitionPenalty { get; }

        public float? PresencePenalty { get; }
    }

    public interface IMaxTokenParameter
    {
        public int? MaxTokens { get; }
    }

    public interface IStopTokenParameter
    {
        public TextGenerationStop? Stop { get; }
    }

    public interface IThinkingParameter
    {
        bool? EnableThinking { get; }

        int? ThinkingBudget { get; set; }
    }

    public class TextGenerationStop
    {
        public TextGenerationStop(string stop) => throw new NotSupportedException();

        public static implicit operator TextGenerationStop(string stop) => new(stop);
    }

    public interface ITextGenerationParameters
        : IIncrementalOutputParameter,
            ISeedParameter,
            IProbabilityParameter,
            IPenaltyParameter,
            IMaxTokenParameter,
            IStopTokenParameter,
            IThinkingParameter
    {
        string? ResultFormat { get; }

        bool? EnableSearch { get; }

        int? N { get; set; }
    }

    public class TextGenerationParameters : ITextGenerationParameters
    {
        public string? ResultFormat { get; set; }

        public ulong? Seed { get; set; }

        public int? MaxTokens { get; set; }

        public float? TopP { get; set; }

        public int? TopK { get; set; }

        public float? RepetitionPenalty { get; set; }

        public float? PresencePenalty { get; set; }

        public float? Temperature { get; set; }

        public TextGenerationStop? Stop { get; set; }

        public bool? EnableSearch { get; set; }

        public bool? EnableThinking { get; set; }

        public int? ThinkingBudget { get; set; }

        public int? N { get; set; }

        public bool? IncrementalOutput { get; set; }
    }

    public class TextGenerationInput
    {
        public string? Prompt { get; set; }

        public IEnumerable<TextChatMessage>? Messages { get; set; }
    }

    public class TextChatMessageContent
    {
        public TextChatMessageContent(string text) => Text = text;

        public string Text { get; }

        public static implicit operator TextChatMessageContent(string value) => new(value);

        public static implicit operator string(TextChatMessageContent value) => value.Text;
    }

    public record TextChatMessage
    {
        public TextChatMessage(
            string role,
            TextChatMessageContent content,
            string? toolCallId = null,
            bool? partial = null,
            string? reasoningContent = null,
            List<object>? toolCalls = null)
        {
            Role = role;
            Content = content;
        }

        public string Role { get; init; }

        public TextChatMessageContent Content { get; init; }

        public string? ReasoningContent { get; init; }

        public static TextChatMessage User(string content) => new("user", content);

        public static TextChatMessage System(string content) => new("system", content);

        public static TextChatMessage Assistant(string content, bool? partial = null, string? name = null, string? reasoningContent = null, List<object>? toolCalls = null)
            => new("assistant", content);
    }

    public class TextGenerationChoice
    {
        public string? FinishReason { get; set; }

        public int? Index { get; set; }

        public TextChatMessage Message { get; set; } = null!;
    }

    public class TextGenerationOutput
    {
        public string? Text { get; set; }

        public string? FinishReason { get; set; }

        public List<TextGenerationChoice>? Choices { get; set; }
    }

    public class TextGenerationTokenUsage
    {
        public int InputTokens { get; set; }

        public int OutputTokens { get; set; }
    }

    public interface IMultimodalParameters
        : IProbabilityParameter,
            ISeedParameter,
            IIncrementalOutputParameter,
            IPenaltyParameter,
            IMaxTokenParameter,
            IStopTokenParameter,
            IThinkingParameter
    {
        bool? VlHighResolutionImages { get; }
    }

    public class MultimodalParameters : IMultimodalParameters
    {
        public float? TopP { get; set; }

        public int? TopK { get; set; }

        public float? Temperature { get; set; }

        public ulong? Seed { get; set; }

        public bool? IncrementalOutput { get; set; }

        public float? RepetitionPenalty { get; set; }

        public float? PresencePenalty { get; set; }

        public int? MaxTokens { get; set; }

        public TextGenerationStop? Stop { get; set; }

        public bool? EnableThinking { get; set; }

        public int? ThinkingBudget { get; set; }

        public bool? VlHighResolutionImages { get; set; }
    }

    public class MultimodalMessageContent
    {
        public static MultimodalMessageContent TextContent(string text) => throw new NotSupportedException();

        public static MultimodalMessageContent ImageContent(string url) => throw new NotSupportedException();
    }

    public record MultimodalMessage(string Role, IReadOnlyList<MultimodalMessageContent> Content)
    {
        public static MultimodalMessage User(IReadOnlyList<MultimodalMessageContent> contents) => new("user", contents);
    }

    public class MultimodalInput
    {
        public IEnumerable<MultimodalMessage> Messages { get; set; } = null!;
    }

    public class MultimodalOutput
    {
        public List<MultimodalChoice> Choices { get; set; } = null!;
    }

    public class MultimodalChoice
    {
        public string FinishReason { get; set; } = string.Empty;

        public MultimodalMessage Message { get; set; } = null!;
    }

    public class MultimodalTokenUsage
    {
        public int InputTokens { get; set; }

        public int OutputTokens { get; set; }
    }

    public interface ITextEmbeddingParameters
    {
        string? TextType { get; }
    }

    public class TextEmbeddingParameters : ITextEmbeddingParameters
    {
        public string? TextType { get; set; }
    }

    public class TextEmbeddingInput
    {
        public IEnumerable<string> Texts { get; set; } = null!;
    }

    public class TextEmbeddingOutput
    {
        public List<object> Embeddings { get; set; } = null!;
    }

    public class TextEmbeddingTokenUsage
    {
        public int TotalTokens { get; set; }
    }

    public interface IImageSynthesisParameters
    {
        public string? Style { get; }

        public string? Size { get; }

        public int? N { get; }

        public uint? Seed { get; }

        public bool? PromptExtend { get; }

        public bool? Watermark { get; }
    }

    public class ImageSynthesisParameters : IImageSynthesisParameters
    {
        public string? Style { get; set; }

        public string? Size { get; set; }

        public int? N { get; set; }

        public uint? Seed { get; set; }

        public bool? PromptExtend { get; set; }

        public bool? Watermark { get; set; }
    }

    public class ImageSynthesisInput
    {
        public string Prompt { get; set; } = string.Empty;

        public string? NegativePrompt { get; set; }
    }

    public record ImageSynthesisResult(string Url);

    public record ImageSynthesisOutput : DashScopeTaskOutput
    {
        public List<ImageSynthesisResult>? Results { get; set; }
    }

    public record ImageSynthesisUsage(int ImageCount);

    public enum DashScopeTaskStatus
    {
        Pending = 1,
        Running = 2,
        Succeeded = 3,
        Failed = 4,
        Unknown = 5,
    }

    public abstract record DashScopeTaskOutput
    {
        public string TaskId { get; set; } = string.Empty;

        public DashScopeTaskStatus TaskStatus { get; set; }

        public string? Code { get; set; }

        public string? Message { get; set; }
    }

    public record DashScopeTask<TOutput, TUsage>(string RequestId, TOutput Output, TUsage? Usage = null)
        where TUsage : class;

    public record DashScopeTaskOperationResponse(string RequestId, string Code, string Message);
}
