using DeskChat.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DeskChat;

/// <summary>The desktop app's composition root (as a MAUI or WPF host builds it): the panes live as long as the app.</summary>
public static class AppServices
{
    public static IServiceCollection AddDeskChat(this IServiceCollection services)
    {
        services.AddSingleton<StorefrontAssistant>();
        services.AddSingleton<CompareAssistant>();
        return services;
    }
}
