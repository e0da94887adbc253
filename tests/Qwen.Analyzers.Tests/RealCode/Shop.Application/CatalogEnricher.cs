using Shop.Infrastructure;

namespace Shop.Application;

public sealed record Product(string Sku, string Name, string Specs);

/// <summary>Nightly: a description per product and a render for the new ones.</summary>
public sealed class CatalogEnricher(IDashScopeChat qwen, ProductImages images)
{
    public async Task<List<string>> DescribeAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken)
    {
        var descriptions = new List<string>();
        foreach (var product in products) // expect-ide: QW0006
        {
            var text = await qwen.CompleteAsync(Prompts.Merchandiser, $"{product.Name}: {product.Specs}", cancellationToken);
            descriptions.Add(text);
        }

        return descriptions;
    }

    public async Task<string> RenderAsync(Product product, CancellationToken cancellationToken)
    {
        var taskId = await images.SubmitAsync($"Studio photo of {product.Name} on white", cancellationToken);
        while (true) // expect-ide: QW0009
        {
            await Task.Delay(1000, cancellationToken);
            if (await images.TryGetResultAsync(taskId, cancellationToken) is { } url)
                return url;
        }
    }
}
