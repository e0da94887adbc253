using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0012: a <c>new HttpClient(…)</c> with its own handler, built for each Qwen call — in the method that makes the
/// call, on every pass of a loop around it, or as an instance field of a type the framework builds per request. Each
/// such client opens its own connections, so every call pays DNS, TCP and TLS setup again.
/// <para>
/// Only the <c>HttpClient</c> is the cost. The OpenAI SDK (System.ClientModel's shared default transport), Semantic
/// Kernel (a shared non-disposable handler) and the Cnblogs DashScope SDK (clients pooled per key) keep their
/// connections across client instances, so a <c>new ChatClient(…)</c> per call is not reported — unless it is handed a
/// new <c>HttpClient</c>, which then is. A client built where the call's reuse is visible (before a loop that makes the
/// calls), in <c>Main</c> or a background service's <c>ExecuteAsync</c>, or over a handler it does not own, is left alone.
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClientPerCallAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0012_ClientPerCall);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        if (api.Http is not null)
            registration.OnOperation(c => Analyze(c, api), OperationKind.ObjectCreation);
    }

    private static void Analyze(OperationAnalysisContext context, QwenApi api)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!QwenApi.InheritsFrom(creation.Type, api.Http!.HttpClient) || !OwnsItsHandler(creation))
            return;

        var function = EnclosingFunction(creation);
        var root = ValueFlow.GetRoot(creation);
        if (function is null && FieldOf(creation, root) is { } field)
        {
            AnalyzeField(context, api, creation, field);
            return;
        }

        var body = function ?? root;
        if (FirstCallFed(creation, body, api) is not { } call)
            return;

        var creationLoop = LoopAround(creation, body);
        string where;
        if (creationLoop is not null)
        {
            if (!IsInside(call.Invocation, creationLoop))
                return;
            where = "on every pass of the loop";
        }
        else
        {
            // A client built before the loop that makes the calls is reused by them; Main and a background service run once.
            if (LoopAround(call.Invocation, body) is not null || function is null && IsRunOnce(context.ContainingSymbol as IMethodSymbol))
                return;
            where = "each time this method runs";
        }

        var share = function is null && IsStable(creation) && IsOnlySentThrough(creation, body, api) && CanHoldStaticField(creation.Syntax)
            ? ClientShare.StaticField
            : ClientShare.None;
        Report(context, creation, where, call, share);
    }

    /// <summary>An instance field (or get-only property) of a type built per request, initialized with the client.</summary>
    private static void AnalyzeField(OperationAnalysisContext context, QwenApi api, IObjectCreationOperation creation, ISymbol field)
    {
        if (field.IsStatic || field.ContainingType is not { } type || !api.Services.IsBuiltPerRequest(type))
            return;
        CallSite? used = null;
        var onlySent = true;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet) || api.Sources.Body(method) is not { } body)
                continue;
            foreach (var operation in body.Descendants())
            {
                if (operation is IMemberReferenceOperation member && SymbolEqualityComparer.Default.Equals(member.Member, field))
                    onlySent &= IsSendUse(member, api) && member.Syntax.Parent is not MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax };
                if (used is null && operation is IInvocationOperation invocation && api.TryGetCall(invocation, out var call)
                    && CallModel.Receiver(invocation) is { } receiver && ValueFlow.Unwrap(receiver) is IMemberReferenceOperation target
                    && SymbolEqualityComparer.Default.Equals(target.Member, field))
                {
                    used = call;
                }
            }
        }

        if (used is null)
            return;
        // Only a field initializer becomes a static one; a client built in the constructor is left to the message.
        var share = onlySent && field is IFieldSymbol { IsReadOnly: true } && ValueFlow.GetRoot(creation) is IFieldInitializerOperation && IsStable(creation)
            ? ClientShare.MakeFieldStatic
            : ClientShare.None;
        Report(context, creation, $"for each {type.Name}, which is built per request", used, share);
    }

    private static void Report(OperationAnalysisContext context, IObjectCreationOperation creation, string where, CallSite call, ClientShare share)
    {
        var guidance = share == ClientShare.None
            ? "; share one client (a static readonly field, or a typed client from AddHttpClient) and put per-call values such as the API key on each HttpRequestMessage"
            : "";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0012_ClientPerCall, creation.Syntax.GetLocation(),
            new ClientPerCallFix(share).ToProperties(), where, call.DisplayName, guidance));
    }

    /// <summary>
    /// False for <c>new HttpClient(handler, disposeHandler: false)</c> and any handler the method did not create here:
    /// connections live in the handler, so a client over a shared one reuses them.
    /// </summary>
    private static bool OwnsItsHandler(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                continue;
            if (argument.Parameter?.Type.SpecialType == SpecialType.System_Boolean)
            {
                if (ValueFlow.Unwrap(argument.Value).ConstantValue.Value is false)
                    return false;
                continue;
            }

            if (ValueFlow.Resolve(argument.Value) is not IObjectCreationOperation)
                return false;
        }

        return true;
    }

    /// <summary>The lambda or local function around the creation; null when it is in the member's own body.</summary>
    private static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return current;
        }

        return null;
    }

    /// <summary>The field or property the creation initializes (an initializer, or a constructor's assignment).</summary>
    private static ISymbol? FieldOf(IObjectCreationOperation creation, IOperation root)
    {
        if (root is IFieldInitializerOperation { InitializedFields.Length: 1 } fieldInitializer && ValueFlow.Unwrap(fieldInitializer.Value) == creation)
            return fieldInitializer.InitializedFields[0];
        if (root is IPropertyInitializerOperation { InitializedProperties.Length: 1 } propertyInitializer && ValueFlow.Unwrap(propertyInitializer.Value) == creation)
            return propertyInitializer.InitializedProperties[0];
        var parent = creation.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        return parent is ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation } target } && target.Member is IFieldSymbol or IPropertySymbol
            && root.Syntax is ConstructorDeclarationSyntax or BlockSyntax { Parent: ConstructorDeclarationSyntax } or ArrowExpressionClauseSyntax { Parent: ConstructorDeclarationSyntax }
            ? target.Member
            : null;
    }

    /// <summary>
    /// The first Qwen call in <paramref name="body"/> made on the client or on something built from it (an options object,
    /// a transport, a chat client, a kernel builder it is passed to), followed through locals.
    /// </summary>
    private static CallSite? FirstCallFed(IObjectCreationOperation creation, IOperation body, QwenApi api)
    {
        var carriers = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var operations = body.Descendants().ToList();
        for (var pass = 0; pass < 3; pass++)
        {
            var before = carriers.Count;
            foreach (var operation in operations)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when Carries(value, creation, carriers):
                        carriers.Add(declarator.Symbol);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when Carries(assignment.Value, creation, carriers):
                        carriers.Add(target.Local);
                        break;
                    // builder.AddOpenAIChatCompletion(…, httpClient: http): the builder now holds the client.
                    case IInvocationOperation invocation when CallModel.Receiver(invocation) is { } receiver && ValueFlow.Unwrap(receiver) is ILocalReferenceOperation holder
                        && invocation.Arguments.Any(a => a.Value != receiver && Carries(a.Value, creation, carriers)):
                        carriers.Add(holder.Local);
                        break;
                }
            }

            if (carriers.Count == before)
                break;
        }

        foreach (var operation in operations)
        {
            if (operation is IInvocationOperation invocation && CallModel.Receiver(invocation) is { } receiver && Carries(receiver, creation, carriers)
                && api.TryGetCall(invocation, out var call))
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="value"/> is the client, or an object built from it (not an awaited result of using it).</summary>
    private static bool Carries(IOperation value, IObjectCreationOperation creation, HashSet<ILocalSymbol> carriers)
    {
        var unwrapped = ValueFlow.Unwrap(value);
        if (unwrapped is IAwaitOperation || unwrapped.Type is { IsValueType: true } || unwrapped.Type?.SpecialType == SpecialType.System_String)
            return false;
        return unwrapped.DescendantsAndSelf().Any(o => o == creation || o is ILocalReferenceOperation local && carriers.Contains(local.Local));
    }

    private static ILoopOperation? LoopAround(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is ILoopOperation loop)
                return loop;
        }

        return null;
    }

    private static bool IsInside(IOperation operation, IOperation ancestor)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current == ancestor)
                return true;
        }

        return false;
    }

    /// <summary><c>Main</c>, top-level statements, a background service's <c>ExecuteAsync</c>, a hosted service's <c>StartAsync</c>, a constructor.</summary>
    private static bool IsRunOnce(IMethodSymbol? method)
    {
        if (method is null)
            return false;
        if (method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor || method.IsStatic && method.Name is "Main" or "<Main>$")
            return true;
        if (method.Name is not ("ExecuteAsync" or "StartAsync"))
            return false;
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.Name == "BackgroundService" || type.AllInterfaces.Any(i => i.Name == "IHostedService"))
                return true;
        }

        return false;
    }

    /// <summary>Built from constants and static readonly values only: the same client whatever the call.</summary>
    private static bool IsStable(IOperation operation)
    {
        var unwrapped = ValueFlow.Unwrap(operation);
        switch (unwrapped)
        {
            case { ConstantValue.HasValue: true }:
                return true;
            case IFieldReferenceOperation { Field: var field }:
                return field.IsConst || field.IsStatic && field.IsReadOnly;
            case IObjectCreationOperation create:
                return create.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue || IsStable(a.Value))
                       && (create.Initializer?.Initializers.All(i => i is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment && IsStable(assignment.Value)) ?? true);
            case IInvocationOperation { TargetMethod.IsStatic: true, TargetMethod.ContainingType.SpecialType: SpecialType.None } call
                when call.TargetMethod.ContainingType.Name is "TimeSpan" or "Uri":
                return call.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue || IsStable(a.Value));
            default:
                return false;
        }
    }

    /// <summary>
    /// The client is only sent through (a send method, or handed on as an argument) — never changed after it is built
    /// (<c>DefaultRequestHeaders</c>, <c>Timeout</c>, <c>BaseAddress</c>) nor disposed by hand: a shared instance behaves the same.
    /// </summary>
    private static bool IsOnlySentThrough(IObjectCreationOperation creation, IOperation body, QwenApi api)
    {
        var parent = creation.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            return body.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, declarator.Symbol)).All(r => IsSendUse(r, api));
        return IsSendUse(creation, api);
    }

    private static bool IsSendUse(IOperation reference, QwenApi api)
    {
        var parent = reference.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        return parent switch
        {
            IInvocationOperation invocation when invocation.Instance == reference || invocation.Instance == reference.Parent
                => invocation.TargetMethod.Name is not ("Dispose" or "CancelPendingRequests"),
            IArgumentOperation => true,
            _ => false,
        };
    }

    /// <summary>A class, struct or record declared in source can take a field; top-level statements and interfaces cannot.</summary>
    private static bool CanHoldStaticField(SyntaxNode node)
        => node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax
           && node.FirstAncestorOrSelf<GlobalStatementSyntax>() is null;
}
