using Cnblogs.DashScope.Core;

namespace PosterWorker;

public sealed class PosterRenderer(IDashScopeClient client)
{
    public async Task<string?> RenderAsync(string prompt)
    {
        var created = await client.CreateImageSynthesisTaskAsync(new ModelRequest<ImageSynthesisInput, IImageSynthesisParameters> // expect: QW0005
        {
            Model = "wanx2.1-t2i-turbo",
            Input = new ImageSynthesisInput { Prompt = prompt },
            Parameters = new ImageSynthesisParameters { Size = "1024*1024", N = 1 },
        });

        while (true) // expect: QW0009
        {
            var task = await client.GetTaskAsync<ImageSynthesisOutput, ImageSynthesisUsage>(created.Output.TaskId);
            if (task.Output.TaskStatus == DashScopeTaskStatus.Succeeded)
                return task.Output.Results?[0].Url;
            if (task.Output.TaskStatus is DashScopeTaskStatus.Failed or DashScopeTaskStatus.Unknown)
                return null;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    public async Task<string> DraftAsync(string prompt)
    {
        // A draft is meant to follow the prompt word for word: prompt extension off, as the guide suggests.
        var created = await client.CreateImageSynthesisTaskAsync(new ModelRequest<ImageSynthesisInput, IImageSynthesisParameters>
        {
            Model = "wanx2.1-t2i-turbo",
            Input = new ImageSynthesisInput { Prompt = prompt },
            Parameters = new ImageSynthesisParameters { Size = "512*512", PromptExtend = false },
        });
        return created.Output.TaskId;
    }
}
