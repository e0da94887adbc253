using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>What the code does with a call's answer, as far as its method shows.</summary>
internal enum AnswerFate
{
    /// <summary>Returned, written, shown: a person may read it as it comes.</summary>
    Shown,

    /// <summary>
    /// Data, not reading matter: only parsed (JSON, a number, an enum), compared or switched on, used as a key, fed into
    /// another model call, gathered with the other answers of a loop into a list — after string tidying
    /// (<c>Trim</c>, <c>ToLowerInvariant</c>, …) too — or returned to callers of the project that all do one of those:
    /// nobody reads it token by token.
    /// </summary>
    Consumed,
}

/// <summary>
/// Follows a call's answer through the method: the awaited result, the locals it goes into, the members read from it.
/// Every place it ends up in is either a parse (<c>JsonSerializer.Deserialize</c>, <c>JsonDocument.Parse</c>,
/// <c>int.Parse</c>, …), another model call's input, or anything else (returned, shown, stored). For a hand-built
/// request the first parse reads the response envelope and the answer goes on inside it.
/// </summary>
internal static class AnswerUse
{
    private const int MaximumLocals = 6;

    /// <summary>How many methods up an answer a method returns is followed into its callers.</summary>
    private const int MaximumCallerDepth = 2;

    public static AnswerFate Of(CallSite call)
    {
        var budget = MaximumLocals;
        var envelopeRead = call.Surface != ClientSurface.DashScopeHttp;
        IOperation result = Awaits.WithConfigureAwait(call.Invocation);
        if (result.Parent is IAwaitOperation await)
            result = await;
        return Follow(result, call.Api, envelopeRead, ref budget, callerDepth: 0) ? AnswerFate.Consumed : AnswerFate.Shown;
    }

    /// <summary>True when every use of <paramref name="value"/> consumes it (and there is at least one).</summary>
    private static bool Follow(IOperation value, QwenApi api, bool envelopeRead, ref int budget, int callerDepth)
    {
        var current = value;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                // answer ?? "": the answer or a default in its place.
                case IConversionOperation or IParenthesizedOperation or ICoalesceOperation:
                    current = parent;
                    continue;
                // A member read from the answer (.Text, .Content[0].Text, .Value, .Choices[0]…) carries the answer on.
                case IMemberReferenceOperation member when member.Instance == current:
                    current = member;
                    continue;
                case IArrayElementReferenceOperation element when element.ArrayReference == current:
                    current = element;
                    continue;
                case IInvocationOperation invocation when invocation.Instance == current:
                    // answer.Equals("yes"), label.StartsWith("neg"): a test of the answer, not the answer shown.
                    if (envelopeRead && IsTest(invocation.TargetMethod))
                        return true;
                    if (IsCarrier(invocation.TargetMethod))
                    {
                        // ReadFromJsonAsync<T>() reads the response envelope: what comes out is the answer inside it.
                        envelopeRead |= invocation.TargetMethod.Name is "ReadFromJsonAsync" or "GetFromJsonAsync";
                        current = invocation;
                        continue;
                    }

                    return invocation.Parent is IExpressionStatementOperation && IsNeutral(invocation.TargetMethod);
                case IAwaitOperation await:
                    current = await;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation extension } receiver
                    when extension.TargetMethod.IsExtensionMethod && receiver.Parameter?.Ordinal == 0 && IsCarrier(extension.TargetMethod):
                    // response.Content.ReadFromJsonAsync<T>(): an extension reading the envelope; the answer is inside what it returns.
                    envelopeRead |= extension.TargetMethod.Name is "ReadFromJsonAsync" or "GetFromJsonAsync";
                    current = extension;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } gather }
                    when IsGatheredInLoop(list.Local, gather):
                    return true;   // one of a loop's answers, the list handed on whole after the loop
                case IArgumentOperation { Parent: IInvocationOperation consumer }:
                    if (IsParse(consumer.TargetMethod, api))
                        return envelopeRead || Follow(consumer, api, envelopeRead: true, ref budget, callerDepth);
                    return api.TryGetCall(consumer, out _) || envelopeRead && consumer.TargetMethod is { Name: "Equals" or "Compare", IsStatic: true, ContainingType.SpecialType: SpecialType.System_String };
                // counts[label]++: the answer as a key.
                case IArgumentOperation { Parent: IPropertyReferenceOperation { Property.IsIndexer: true } } when envelopeRead:
                    return true;
                // answer == "yes", switch (label) { … }, label is "positive": compared, not shown.
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } when envelopeRead:
                case ISwitchOperation or ISwitchExpressionOperation or IIsPatternOperation when envelopeRead:
                    return true;
                // Returned by the selector of a loop run concurrently: one of the loop's answers, gathered with the others.
                case IReturnOperation when envelopeRead && IsConcurrentSelectorResult(parent, api):
                    return true;
                // Returned: data when every caller of the method in the project consumes what it returns.
                case IReturnOperation when envelopeRead && callerDepth < MaximumCallerDepth:
                    return CallersConsume(current, api, ref budget, callerDepth + 1);
                case IInterpolationOperation or IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    // Text built from the answer: consumed only when what it builds is.
                    current = parent is IInterpolationOperation ? parent.Parent! : parent;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return FollowLocal(declarator.Symbol, declarator, api, envelopeRead, ref budget, callerDepth);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                    return FollowLocal(target.Local, assignment, api, envelopeRead, ref budget, callerDepth);
                default:
                    return false;   // returned, written, stored, shown: a person may be reading
            }
        }
    }

    /// <summary>
    /// The method <paramref name="returned"/> is returned from is called in the project, and every call's result is
    /// consumed (a handler that deserializes what a service returned). Calls from outside the project are not seen, as
    /// for the rest of QW0002's reach.
    /// </summary>
    private static bool CallersConsume(IOperation returned, QwenApi api, ref int budget, int callerDepth)
    {
        if (returned.SemanticModel?.GetEnclosingSymbol(returned.Syntax.SpanStart) is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            return false;
        var any = false;
        foreach (var caller in api.Interactive.CallersOf(method))
        {
            IOperation result = Awaits.WithConfigureAwait(caller);
            if (result.Parent is IAwaitOperation await)
                result = await;
            if (!Follow(result, api, envelopeRead: true, ref budget, callerDepth))
                return false;
            any = true;
        }

        return any;
    }

    private static bool FollowLocal(ILocalSymbol local, IOperation at, QwenApi api, bool envelopeRead, ref int budget, int callerDepth)
    {
        if (--budget < 0)
            return false;
        var consumed = false;
        foreach (var reference in ValueFlow.References(local, ValueFlow.GetRoot(at)))
        {
            if (reference.IsDeclaration || ValueFlow.IsWrite(reference))
                continue;
            if (!Follow(reference, api, envelopeRead, ref budget, callerDepth))
                return false;
            consumed = true;
        }

        return consumed;
    }

    /// <summary>
    /// <c>QwenConcurrency.SelectConcurrentlyAsync(items, async item =&gt; { …; return answer; }, …)</c> — what QW0006's fix
    /// makes of a loop that gathered its answers: the answers leave together, as from the loop.
    /// </summary>
    private static bool IsConcurrentSelectorResult(IOperation returned, QwenApi api)
    {
        for (var current = returned.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                var argument = lambda.Parent is IDelegateCreationOperation creation ? creation.Parent : lambda.Parent;
                return argument is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var method } }
                       && QwenApi.Is(method.ContainingType, api.Bcl.QwenConcurrency);
            }

            if (current is ILocalFunctionOperation)
                return false;
        }

        return false;
    }

    /// <summary><c>results.Add(answer)</c> inside a loop, <c>results</c> declared before it: the answers leave together.</summary>
    private static bool IsGatheredInLoop(ILocalSymbol list, IInvocationOperation add)
    {
        if (list.DeclaringSyntaxReferences.Length != 1)
            return false;
        var declaration = list.DeclaringSyntaxReferences[0].Span;
        for (var current = add.Parent; current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; current = current.Parent)
        {
            if (current is ILoopOperation loop && current.Syntax.SyntaxTree == list.DeclaringSyntaxReferences[0].SyntaxTree)
                return !loop.Syntax.Span.Contains(declaration);
        }

        return false;
    }

    /// <summary>Reads that hand the answer on: the response content, its text, a string tidied (trimmed, cased, split, replaced).</summary>
    private static bool IsCarrier(IMethodSymbol method)
        => method.Name is "ReadAsStringAsync" or "ReadFromJsonAsync" or "ReadAsStreamAsync" or "GetValue" or "ToString" or "Trim" or "Split"
            or "GetProperty" or "GetString" or "GetRawText" or "ToChatResponseAsync" or "First" or "FirstOrDefault" or "Single"
            or "TrimStart" or "TrimEnd" or "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Normalize" or "Replace" or "Substring";

    /// <summary>A test of a string that yields no text: <c>Equals</c>, <c>StartsWith</c>, <c>Contains</c>, <c>CompareTo</c>, …</summary>
    private static bool IsTest(IMethodSymbol method)
        => method.ContainingType?.SpecialType == SpecialType.System_String
           && method.Name is "Equals" or "StartsWith" or "EndsWith" or "Contains" or "CompareTo" or "IndexOf" or "IsNormalized";

    /// <summary>Calls on the response that do not read the answer.</summary>
    private static bool IsNeutral(IMethodSymbol method) => method.Name is "EnsureSuccessStatusCode" or "Dispose";

    /// <summary>A parse: JSON deserialization, a document, a number, a boolean, an enum.</summary>
    private static bool IsParse(IMethodSymbol method, QwenApi api)
    {
        var type = method.ContainingType;
        if (method.Name is "Deserialize" or "DeserializeAsync" && QwenApi.Is(type, api.Http?.JsonSerializer))
            return true;
        if (method.Name is "DeserializeObject" && QwenApi.Is(type, api.Http?.JsonConvert))
            return true;
        if (method.Name is "Parse" or "ParseAsync" or "TryParse" or "ParseValue")
            return type?.Name is "JsonDocument" or "JsonNode" or "JsonObject" or "JObject" or "JToken" or "JArray" or "Enum"
                   || type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Boolean or SpecialType.System_Decimal;
        return false;
    }
}
