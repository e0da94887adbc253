using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Acme.Qwen;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddQwenClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<QwenClientOptions>(configuration.GetSection("Qwen"));
        services.AddHttpClient<IQwenClient, QwenClient>();
        return services;
    }
}
