using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components;

/// <summary>The root component (its markup lives in App.razor).</summary>
public partial class App : ComponentBase
{
}
