using System;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

// JsonPatch is [Experimental("SCME0001")]: suppressed here, once, so callers of these helpers need no suppression.
#pragma warning disable SCME0001

namespace Qwen.Latency;

/// <summary>
/// Qwen request fields the OpenAI-shaped clients have no typed option for (<c>enable_thinking</c>,
/// <c>thinking_budget</c>, <c>enable_search</c>, …), written where they reach the wire: the body patch of
/// <see cref="ChatCompletionOptions"/> (OpenAI 2.6 and later) and, for Microsoft.Extensions.AI, a
/// <see cref="ChatOptions.RawRepresentationFactory"/> that patches the OpenAI options the adapter sends.
/// <c>ChatOptions.AdditionalProperties</c> alone never reaches the OpenAI request body.
/// </summary>
public static class QwenRequestFields
{
    private delegate ref JsonPatch PatchGetter(ChatCompletionOptions options);

    // ChatCompletionOptions.Patch is a ref-returning property that OpenAI 2.6 added; this assembly compiles against
    // 2.1 (so Azure.AI.OpenAI 2.1 users can load it) and binds to the property when it exists.
    private static readonly PatchGetter? Patch = CreatePatchGetter();

    /// <summary>Turns thinking off: <c>"enable_thinking": false</c>. The answer starts without a hidden reasoning trace first.</summary>
    public static ChatCompletionOptions WithoutThinking(this ChatCompletionOptions options) => options.WithQwenField("enable_thinking", false);

    /// <summary>Caps the reasoning trace: <c>"thinking_budget": tokens</c>.</summary>
    public static ChatCompletionOptions WithThinkingBudget(this ChatCompletionOptions options, int tokens) => options.WithQwenField("thinking_budget", tokens);

    /// <summary>Writes <c>"name": value</c> at the top of the request body (bool, int, long, double or string).</summary>
    /// <exception cref="NotSupportedException">The OpenAI package loaded is older than 2.6 (no body patch).</exception>
    public static ChatCompletionOptions WithQwenField(this ChatCompletionOptions options, string name, object value)
    {
        if (options is null)
            throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException("A field name is required.", nameof(name));
        if (Patch is null)
            throw new NotSupportedException("ChatCompletionOptions.Patch needs the OpenAI package 2.6 or later.");
        ref var patch = ref Patch(options);
        var path = Encoding.UTF8.GetBytes("$." + name);
        switch (value)
        {
            case bool b: patch.Set(path, b); break;
            case int i: patch.Set(path, i); break;
            case long l: patch.Set(path, l); break;
            case double d: patch.Set(path, d); break;
            case string s: patch.Set(path, s); break;
            default: patch.Set(path, BinaryData.FromObjectAsJson(value)); break;
        }

        return options;
    }

    /// <summary>Turns thinking off for requests made with these options (see <see cref="WithQwenField(ChatOptions, string, object)"/>).</summary>
    public static ChatOptions WithoutThinking(this ChatOptions options) => options.WithQwenField("enable_thinking", false);

    /// <summary>Caps the reasoning trace for requests made with these options.</summary>
    public static ChatOptions WithThinkingBudget(this ChatOptions options, int tokens) => options.WithQwenField("thinking_budget", tokens);

    /// <summary>
    /// Sends <c>"name": value</c> with every request made with these options: through one
    /// <see cref="ChatOptions.RawRepresentationFactory"/> that patches a fresh <see cref="ChatCompletionOptions"/> per
    /// request (the adapter mutates what the factory returns, so it is never shared), keeping a factory already set;
    /// and in <see cref="ChatOptions.AdditionalProperties"/> for adapters that read those. Idempotent: calling it again
    /// on the same options (a shared instance, on every request) updates the value and installs nothing more.
    /// </summary>
    public static ChatOptions WithQwenField(this ChatOptions options, string name, object value)
    {
        if (options is null)
            throw new ArgumentNullException(nameof(options));
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException("A field name is required.", nameof(name));
        Dictionary<string, object> fields;
        lock (FieldsOf)
        {
            if (!FieldsOf.TryGetValue(options, out fields!))
            {
                fields = new Dictionary<string, object>(StringComparer.Ordinal);
                FieldsOf.Add(options, fields);
                var inner = options.RawRepresentationFactory;
                var sent = fields;
                options.RawRepresentationFactory = client =>
                {
                    var raw = inner?.Invoke(client) ?? new ChatCompletionOptions();
                    if (raw is ChatCompletionOptions openAI)
                    {
                        lock (sent)
                        {
                            foreach (var field in sent)
                                openAI.WithQwenField(field.Key, field.Value);
                        }
                    }

                    return raw;
                };
            }
        }

        lock (fields)
            fields[name] = value;
        (options.AdditionalProperties ??= new AdditionalPropertiesDictionary())[name] = value;
        return options;
    }

    /// <summary>The Qwen fields of each ChatOptions this class installed its factory on (no private key travels in the options).</summary>
    private static readonly ConditionalWeakTable<ChatOptions, Dictionary<string, object>> FieldsOf = new();

    private static PatchGetter? CreatePatchGetter()
    {
        var getter = typeof(ChatCompletionOptions).GetProperty("Patch", BindingFlags.Public | BindingFlags.Instance)?.GetMethod;
        if (getter is null || !getter.ReturnType.IsByRef || getter.ReturnType.GetElementType() != typeof(JsonPatch))
            return null;
        return (PatchGetter)Delegate.CreateDelegate(typeof(PatchGetter), getter);
    }
}
