using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

internal enum IntentKind
{
    None,
    /// <summary>Translate / rewrite / proofread a given text: the answer is as long as the input.</summary>
    Transform,
    /// <summary>A bounded answer: a label, a sentence, N words, N bullets.</summary>
    Short,
}

/// <summary>What the prompt text visible at the call asks the answer to be.</summary>
internal readonly struct PromptIntent
{
    private static readonly Regex TransformWords = new(
        @"\b(translat(e|ion)|rewrite|re-write|paraphrase|proofread|rephrase|polish|correct the grammar|fix the grammar)\b|翻译|改写|润色|校对",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex LabelWords = new(
        @"\b(one|a single|single|one-)\s?word\b|\byes or no\b|\byes/no\b|\btrue or false\b|\b(only|just|exactly) (the|a|one) (label|category|class|name|number|score|word|id)\b|\b(only|exactly) one of\b|一个词|是或否|只回答(是|否)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex SentenceWords = new(
        @"\b(one|a single|single) sentence\b|\bone-sentence\b|\bone line\b|一句话",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex WordCount = new(
        @"\b(in|under|at most|no more than|max(imum)?( of)?|up to|within|fewer than|less than)\s+(?<n>\d{1,3})\s+words\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex CharacterCount = new(@"(不超过|少于)\s*(?<n>\d{1,3})\s*(个)?字|(?<n>\d{1,3})\s*字以内", RegexOptions.CultureInvariant);

    private static readonly Regex Bullets = new(
        @"\b(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(short\s+|key\s+|concise\s+)?(bullet points|bullets|bullet|points|items|tags|keywords)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly string[] Numbers = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten" };

    private PromptIntent(IntentKind kind, int? tokens, string description)
    {
        Kind = kind;
        Tokens = tokens;
        Description = description;
    }

    /// <summary>A cap is this many times the tokens the prompt's stated length needs, so an answer that runs a little long is not cut.</summary>
    public const int Headroom = 2;

    public IntentKind Kind { get; }

    /// <summary>The cap a short answer needs; null for none.</summary>
    public int? Tokens { get; }

    public string Description { get; }

    public static PromptIntent Read(CallSite call) => Classify(PromptWords.Of(call));

    public static PromptIntent Classify(string text)
    {
        if (text.Length == 0)
            return default;
        if (TransformWords.IsMatch(text))
            return new PromptIntent(IntentKind.Transform, null, "a translation or rewrite");
        // A JSON answer can be any size: a label-like phrase in a JSON prompt says nothing about its length.
        if (text.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0)
            return default;
        if (WholeAnswer(LabelWords, text) is { } label)
            return Short(8, label);
        if (WholeAnswer(SentenceWords, text) is { } sentence)
            return Short(60, sentence);
        if (WholeAnswer(WordCount, text) is { } words && int.TryParse(words.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 400)
            return Short((13 * n / 10) + 8, words);
        if (WholeAnswer(CharacterCount, text) is { } characters && int.TryParse(characters.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is > 0 and <= 800)
            return Short(c + 8, characters);
        if (WholeAnswer(Bullets, text) is { } bullets && BulletCount(bullets.Groups["n"].Value) is { } count and > 0 and <= 10)
            return Short((40 * count) + 8, bullets);
        return default;
    }

    /// <summary>A cap of <see cref="Headroom"/> × the tokens the stated length needs, at least 32, rounded up to 32.</summary>
    private static PromptIntent Short(int estimate, Match statement)
        => new(IntentKind.Short, Math.Max(32, RoundUp(Headroom * estimate)), $"the prompt asks for \"{statement.Value}\"");

    /// <summary>
    /// The first match of <paramref name="pattern"/> in a sentence that states it for every answer: not after "if",
    /// "when", "unless", "in case" (or 如果 / 若 / 当 / 对于) earlier in its sentence, nor in a sentence opening with "for"
    /// or "where", which make it a rule for some answers only ("For lists of products, at most five bullet points").
    /// </summary>
    private static Match? WholeAnswer(Regex pattern, string text)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            var start = match.Index == 0 ? 0 : text.LastIndexOfAny(SentenceEnds, match.Index - 1) + 1;
            if (!Conditional.IsMatch(text.Substring(start, match.Index - start)))
                return match;
        }

        return null;
    }

    private static readonly char[] SentenceEnds = { '.', '!', '?', ';', '\n', '。', '！', '？', '；' };

    /// <summary>"if", "when", "unless", "in case" anywhere before; "for" / "where" opening the sentence ("For lists, …"; not "a summary for the agent").</summary>
    private static readonly Regex Conditional = new(@"\b(if|when|whenever|unless|in case)\b|^\s*(for|where)\b|如果|若|当|对于", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static int? BulletCount(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n;
        var index = Array.IndexOf(Numbers, text.ToLowerInvariant());
        return index >= 0 ? index : null;
    }

    private static int RoundUp(int tokens) => (tokens + 31) / 32 * 32;
}

/// <summary>
/// The constant prompt text visible at a call: the string literals and interpolation text in its arguments (options
/// left out), in the values of the locals they read (messages built on earlier lines), and in <c>list.Add(…)</c>
/// calls on a message list declared in the method. Bounded: a few thousand characters is plenty to read an intent.
/// </summary>
internal static class PromptWords
{
    private const int MaximumCharacters = 8000;

    public static string Of(CallSite call)
    {
        var text = new StringBuilder();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var argument in call.Invocation.Arguments)
        {
            if (argument == call.OptionsArgument || argument.ArgumentKind == ArgumentKind.DefaultValue)
                continue;
            Collect(argument.Value, text, seen, depth: 0);
        }

        return text.ToString();
    }

    private static void Collect(IOperation operation, StringBuilder text, HashSet<ISymbol> seen, int depth)
    {
        foreach (var node in operation.DescendantsAndSelf())
        {
            if (text.Length > MaximumCharacters)
                return;
            switch (node)
            {
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: string literal } }:
                    text.Append(literal).Append('\n');
                    break;
                case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string part } }:
                    text.Append(part);
                    break;
                case IFieldReferenceOperation { Field: { IsConst: true, ConstantValue: string constant } }:
                    text.Append(constant).Append('\n');
                    break;
                case ILocalReferenceOperation local when depth < 2 && seen.Add(local.Local):
                    var root = ValueFlow.GetRoot(local);
                    if (ValueFlow.GetSingleValue(local.Local, root) is { } value)
                        Collect(value, text, seen, depth + 1);
                    // messages.Add(new UserChatMessage("…")) on a list declared here.
                    foreach (var reference in ValueFlow.References(local.Local, root))
                    {
                        if (reference.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "AddUserMessage" or "AddSystemMessage" or "Insert" } add && add.Instance == reference)
                        {
                            foreach (var added in add.Arguments)
                                Collect(added.Value, text, seen, depth + 1);
                        }
                    }

                    break;
            }
        }
    }
}
