namespace BatchJob;

public sealed class NightlyJob(DashScopeRest qwen)
{
    public async Task RunAsync(string[] reviews, CancellationToken cancellationToken)
    {
        // Each review is labelled on its own; the labels are written in input order.
        var labels = new string[reviews.Length];
        for (var i = 0; i < reviews.Length; i++) // expect: QW0006
        {
            cancellationToken.ThrowIfCancellationRequested();
            labels[i] = await qwen.GenerateAsync("Label the review as positive, negative or mixed. One word.", $"Review {i + 1}: {reviews[i]}", 5, cancellationToken);
        }

        File.WriteAllLines("labels.txt", labels);

        var digest = await qwen.GenerateStreamedAsync("Write the daily digest of customer reviews for the product team.", string.Join("\n", reviews), cancellationToken);
        File.WriteAllText("digest.md", digest);

        var taskId = await qwen.SubmitImageAsync("A watercolor of a bicycle shop at dawn", cancellationToken);
        string? url = null;
        while (true) // expect: QW0009
        {
            var (status, result) = await qwen.PollOnceAsync(taskId, cancellationToken);
            if (status == "SUCCEEDED")
            {
                url = result;
                break;
            }

            if (status is "FAILED" or "CANCELED" or "UNKNOWN")
                throw new InvalidOperationException($"Cover image task {taskId} ended {status}");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        Console.WriteLine($"Cover: {url}");
    }
}
