using BatchJob;

// A nightly console job: label yesterday's reviews, write a digest, render a cover image.
var apiKey = Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY") ?? throw new InvalidOperationException("DASHSCOPE_API_KEY is not set");
using var cancel = new CancellationTokenSource(TimeSpan.FromHours(1));
var job = new NightlyJob(new DashScopeRest(apiKey));
await job.RunAsync(File.ReadAllLines("reviews.txt"), cancel.Token);
