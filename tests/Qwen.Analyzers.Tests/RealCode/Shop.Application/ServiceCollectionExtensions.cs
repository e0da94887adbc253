using Microsoft.Extensions.DependencyInjection;

namespace Shop.Application;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddShopApplication(this IServiceCollection services)
        => services.AddScoped<OrderNotes>().AddScoped<CatalogEnricher>();
}
