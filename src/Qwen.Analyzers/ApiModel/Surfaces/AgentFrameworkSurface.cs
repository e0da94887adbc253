using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>Microsoft Agent Framework: an agent run is a chat call (a <c>ChatClientAgent</c> sends it through its <c>IChatClient</c>).</summary>
internal sealed class AgentFrameworkSurface
{
    public AgentFrameworkSurface(TypeLookup types)
    {
        AIAgent = types.Find("Microsoft.Agents.AI.AIAgent", Assemblies.AgentsAbstractions);
        AgentRunOptions = types.Find("Microsoft.Agents.AI.AgentRunOptions", Assemblies.AgentsAbstractions);
        ChatClientAgent = types.Find("Microsoft.Agents.AI.ChatClientAgent", Assemblies.Agents);
        ChatClientAgentRunOptions = types.Find("Microsoft.Agents.AI.ChatClientAgentRunOptions", Assemblies.Agents);
        // A run's conversation: AgentSession (1.x), AgentThread (earlier previews).
        Conversations = new[] { types.Find("Microsoft.Agents.AI.AgentSession", Assemblies.AgentsAbstractions), types.Find("Microsoft.Agents.AI.AgentThread", Assemblies.AgentsAbstractions) }
            .Where(t => t is not null).ToList()!;
    }

    public INamedTypeSymbol? AIAgent { get; }
    public INamedTypeSymbol? AgentRunOptions { get; }
    public INamedTypeSymbol? ChatClientAgent { get; }
    public INamedTypeSymbol? ChatClientAgentRunOptions { get; }

    /// <summary>The types that hold a run's conversation (each run adds its turn).</summary>
    public IReadOnlyList<INamedTypeSymbol> Conversations { get; }

    public void Register(MethodTable table)
    {
        foreach (var agent in new[] { AIAgent, ChatClientAgent })
        {
            table.Add(agent, "RunAsync", ClientSurface.AgentFramework, streaming: false, sync: false);
            table.Add(agent, "RunStreamingAsync", ClientSurface.AgentFramework, streaming: true, sync: false);
        }
    }
}
