using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0011: a Qwen request field written where the client library drops it: <c>ChatOptions.AdditionalProperties</c>
/// in a project that reaches Qwen through Microsoft.Extensions.AI's OpenAI adapter, <c>PromptExecutionSettings.ExtensionData</c>
/// through Semantic Kernel's OpenAI connector (which maps only its own keys, <c>max_tokens</c> and <c>extra_body</c>).
/// Both drops are proven on the wire by <c>RequestFieldsTests</c>. A project with another adapter (which may read
/// those dictionaries) is left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DroppedFieldAnalyzer : QwenDiagnosticAnalyzer
{
    /// <summary>Qwen's own request fields: none has a typed option in the OpenAI-shaped clients.</summary>
    public static readonly ImmutableHashSet<string> QwenFields = ImmutableHashSet.Create(
        "enable_thinking", "thinking_budget", "enable_search", "search_options", "incremental_output", "result_format",
        "repetition_penalty", "top_k", "vl_high_resolution_images", "enable_code_interpreter", "translation_options");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0011_DroppedField);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        // Where the dictionary is read by the adapter in use, nothing is dropped: only the OpenAI adapters are known to drop.
        var chatOptions = api.AdditionalPropertiesDropped ? api.ExtensionsAI.ChatOptions : null;
        var settings = api.ExtensionDataDropped ? api.SemanticKernel.PromptExecutionSettings : null;
        if (chatOptions is null && settings is null)
            return;
        // The helpers that write the field where it arrives (the OpenAI one needs OpenAI 2.6+'s body patch).
        var openAIHelper = api.Bcl.OpenAIRequestFields is not null && api.OpenAI.ChatCompletionOptions?.GetMembers("Patch").IsDefaultOrEmpty == false;
        var kernelHelper = api.Bcl.SemanticKernelRequestFields is not null;
        registration.OnOperation(c => Analyze(c, api, chatOptions, settings, openAIHelper, kernelHelper), OperationKind.SimpleAssignment, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, QwenApi api, INamedTypeSymbol? chatOptions, INamedTypeSymbol? settings, bool openAIHelper, bool kernelHelper)
    {
        // dictionary["key"] = value, or dictionary.Add("key", value) (also inside a collection initializer).
        IOperation? dictionary;
        IOperation key;
        IOperation value;
        switch (context.Operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                dictionary = indexer.Instance;
                key = indexer.Arguments[0].Value;
                value = assignment.Value;
                break;
            case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add:
                dictionary = add.Instance;
                key = add.Arguments[0].Value;
                value = add.Arguments[1].Value;
                break;
            default:
                return;
        }

        if (ValueFlow.Unwrap(key).ConstantValue.Value is not string name || !QwenFields.Contains(name) || Owner(dictionary) is not { } owner)
            return;
        string where, library, package;
        bool helper;
        // A project IChatClient that reads AdditionalProperties may forward them: asked only here, where it matters.
        if (owner.Name == "AdditionalProperties" && chatOptions is not null && QwenApi.InheritsFrom(owner.ContainingType, chatOptions)
            && !api.ProjectClientReadsAdditionalProperties)
            (where, library, helper, package) = ("ChatOptions.AdditionalProperties", "Microsoft.Extensions.AI's OpenAI adapter", openAIHelper, HelperPackage.OpenAI);
        else if (owner.Name == "ExtensionData" && settings is not null && QwenApi.InheritsFrom(owner.ContainingType, settings))
            (where, library, helper, package) = ("PromptExecutionSettings.ExtensionData", "Semantic Kernel's OpenAI connector", kernelHelper, HelperPackage.SemanticKernel);
        else
            return;

        var fix = helper ? FixFor(context.Operation, dictionary!, name) : DroppedFieldFix.None;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0011_DroppedField, context.Operation.Syntax.GetLocation(), fix.Locations(), fix.ToProperties(), name, where, library,
            helper ? "" : HelperPackage.Note(package)));
    }

    /// <summary>
    /// The two shapes the fixer rewrites into <c>.WithQwenField(name, value)</c>: a statement
    /// <c>options.AdditionalProperties["k"] = v;</c> on a local, parameter or field, and the only entry of
    /// <c>AdditionalProperties = new() { ["k"] = v }</c> inside the options' own initializer.
    /// </summary>
    private static DroppedFieldFix FixFor(IOperation write, IOperation dictionary, string name)
    {
        if (write.Parent is IExpressionStatementOperation && ValueFlow.Unwrap(dictionary) is IPropertyReferenceOperation { Instance: { } instance }
            && ValueFlow.Unwrap(instance) is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation)
        {
            return DroppedFieldFix.Statement(name);
        }

        // { ["k"] = v } → its member (AdditionalProperties = …) → the options' initializer → the options' creation.
        var entries = write.Parent as IObjectOrCollectionInitializerOperation;
        var member = entries?.Parent is IMemberInitializerOperation memberInitializer ? (IOperation)memberInitializer
            : entries?.Parent is IObjectCreationOperation dictionaryCreation ? Unconverted(dictionaryCreation).Parent as ISimpleAssignmentOperation
            : null;
        if (entries is { Initializers.Length: 1 } && member?.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation options })
            return DroppedFieldFix.Initializer(name, member.Syntax.GetLocation(), options.Syntax.GetLocation());

        return DroppedFieldFix.None;
    }


    /// <summary>The property the dictionary is: <c>options.AdditionalProperties[…]</c>, or the target of the initializer it sits in.</summary>
    private static IPropertySymbol? Owner(IOperation? dictionary)
    {
        switch (dictionary is null ? null : ValueFlow.Unwrap(dictionary))
        {
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                return property.Property;
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver:
                // { ["k"] = v } of  AdditionalProperties = new() { … }  or  AdditionalProperties = { … }
                var initializer = receiver.Parent;
                while (initializer is not null and not IObjectOrCollectionInitializerOperation)
                    initializer = initializer.Parent;
                return initializer?.Parent switch
                {
                    IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member } => member.Property,
                    IObjectCreationOperation creation when Unconverted(creation).Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } => target.Property,
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static IOperation Unconverted(IOperation operation)
    {
        while (operation.Parent is IConversionOperation { IsImplicit: true } conversion)
            operation = conversion;
        return operation;
    }
}
