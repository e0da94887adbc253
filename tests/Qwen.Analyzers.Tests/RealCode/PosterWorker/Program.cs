using Cnblogs.DashScope.Core;
using PosterWorker;

// Nightly: write a blurb for every new product and render its poster.
var client = new DashScopeClient(Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY")!);
var catalog = new CatalogWriter(client);
var posters = new PosterRenderer(client);

var products = File.ReadAllLines(args.Length > 0 ? args[0] : "new-products.txt");
var blurbs = await catalog.WriteBlurbsAsync(products);
foreach (var (product, blurb) in products.Zip(blurbs))
{
    var url = await posters.RenderAsync($"A product poster for {product}: {blurb}");
    Console.WriteLine($"{product}\t{url}");
}
