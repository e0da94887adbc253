using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;
using Qwen.Analyzers.Options;

namespace Qwen.Analyzers.Rules;

/// <summary>The cap QW0001's fix writes, and whether a bulk fix (Fix All, <c>dotnet format</c>) may write it unread.</summary>
internal readonly struct CapChoice
{
    public CapChoice(int tokens, bool bulk, string why)
    {
        Tokens = tokens;
        Bulk = bulk;
        Why = why;
    }

    public int Tokens { get; }

    /// <summary>False when the value depends on what the code cannot show (a translation's length, a thinking model's reasoning): offered one at a time only.</summary>
    public bool Bulk { get; }

    /// <summary>What the value was chosen from, for the code action's title.</summary>
    public string Why { get; }
}

/// <summary>
/// Picks QW0001's cap from what the code shows, and says whether a bulk fix (Fix All, <c>dotnet format</c>) may write it
/// unread. A bulk cap comes only from a length the prompt states for the whole answer, on a model known not to think:
/// <list type="bullet">
/// <item>one word / a label / yes or no → 32 tokens; one sentence → 128; "in N words" → 2 × (1.3 N + 8); N bullet points
/// → 2 × (40 N + 8); "不超过 N 字" → 2 × (N + 8); a structured-output type of a few scalar members → 64 + 24 per member —
/// twice what the stated length needs (<see cref="PromptIntent.Headroom"/>), rounded up to a multiple of 32, so an answer that runs a
/// little long is not cut;</item>
/// <item>a length stated for some answers only ("for lists, at most five bullet points", "if the user asks …") says
/// nothing about this one: no bulk cap;</item>
/// <item>a translation or rewrite of a given text → no bulk cap (its length is the input's);</item>
/// <item>a model that thinks (qwen3.5/3.6, open-source Qwen3, QwQ), or a model the code does not show (it may think) →
/// no bulk cap: the cap counts the reasoning too;</item>
/// <item>an open-ended answer (chat, writing) → no bulk cap: its length is the model's to choose, and a cap would cut
/// it — unless the project configured <c>qwen_analyzers.default_max_output_tokens</c>, which it then applies.</item>
/// </list>
/// The one-at-a-time code action offers a cap in every case, with what it was chosen from in its title.
/// </summary>
internal static class CapPolicy
{
    public const int DefaultTokens = 1024;


    /// <summary>What a reasoning model's trace plus an answer usually fit in; offered, never applied in bulk.</summary>
    public const int ThinkingTokens = 4096;

    public static CapChoice Choose(CallSite call, QwenOptions options)
    {
        var configured = options.DefaultMaxOutputTokens;
        var intent = call.Intent;
        if (intent.Kind == IntentKind.Transform)
            return new CapChoice(configured ?? DefaultTokens, bulk: false, "a translation or rewrite is as long as its input: check it fits the longest text");

        var thinking = ThinkingOf(call, options);
        if (thinking is ThinkingDefault.On or ThinkingDefault.Always)
            return new CapChoice(configured ?? ThinkingTokens, bulk: false, "the model thinks and the cap counts its reasoning: check it leaves room");
        if (thinking == ThinkingDefault.Unknown)
            return new CapChoice(configured ?? DefaultTokens, bulk: false, "the model is not in view: if it thinks, the cap counts its reasoning too");

        if ((intent.Tokens ?? StructuredTokens(call)) is { } small)
            return new CapChoice(small, bulk: true, intent.Kind == IntentKind.None ? "a structured answer of a few values" : intent.Description);

        return configured is { } chosen
            ? new CapChoice(chosen, bulk: true, "the configured default")
            : new CapChoice(DefaultTokens, bulk: false, "an open-ended answer: check the longest one you expect fits");
    }

    /// <summary>The model's thinking default, overridden by what the request says (the call's <see cref="CallSite.Thinking"/>: a raw body, the options, the Qwen.Latency helpers).</summary>
    private static ThinkingDefault ThinkingOf(CallSite call, QwenOptions options)
    {
        switch (call.Thinking)
        {
            case ThinkingSetting.Off:
                return ThinkingDefault.Off;
            case ThinkingSetting.On or ThinkingSetting.Budget:
                return ThinkingDefault.On;
        }

        return Models.ThinkingOf(call.ModelOr(options));
    }

    /// <summary><c>GetResponseAsync&lt;T&gt;</c> where <c>T</c> has at most eight members, all numbers, booleans or enums: a short JSON object.</summary>
    private static int? StructuredTokens(CallSite call)
    {
        var method = call.Invocation.TargetMethod;
        if (!method.IsGenericMethod || method.TypeArguments.Length != 1 || method.TypeArguments[0] is not INamedTypeSymbol type)
            return null;
        var members = type.GetMembers().OfType<IPropertySymbol>().Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic).ToList();
        if (members.Count == 0 || members.Count > 8 || members.Any(m => !IsScalar(m.Type)))
            return null;
        return 64 + (24 * members.Count);
    }

    private static bool IsScalar(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            type = nullable.TypeArguments[0];
        return type.TypeKind == TypeKind.Enum
               || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double
                   or SpecialType.System_Single or SpecialType.System_Decimal or SpecialType.System_Int16 or SpecialType.System_Byte;
    }
}

