using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// <c>cache_control</c> markers in a hand-built chat body (compatible <c>messages</c> or native <c>input.messages</c>),
/// in the order the service reads them. A hand-built body sends its markers as written, so the only ways one is lost
/// are the service's: a block under the minimum, varying content ahead of it, a fifth marker.
/// </summary>
internal static class BodyMarkers
{
    private const string Marker = "cache_control";

    public static IEnumerable<(Location Location, string Reason)> Lost(CallSite call)
    {
        // cache_control is DashScope's: a request whose host is not shown must name a Qwen model to be judged.
        if (call.Kind != CallKind.Chat || call.Http is not { IsQwen: true, Body: { } body })
            yield break;
        var messages = (body.Get("messages") ?? body.Get("input")?.Object?.Get("messages"))?.Items;
        if (messages is null)
            yield break;

        var markers = 0;
        SyntaxNode? varying = null;   // the first content seen that varies, ahead of what follows
        var unknownAhead = false;     // content this reading cannot see: nothing after it is judged on order
        foreach (var message in messages)
        {
            var content = message.Object?.Get("content");
            if (message.Object is null || content is null)
            {
                unknownAhead |= message.Object is null;
                continue;
            }

            if (content.Items is null)
            {
                // Plain string content: no marker here, but it may vary.
                Note(content, call, ref varying, ref unknownAhead);
                continue;
            }

            foreach (var part in content.Items)
            {
                var marker = part.Object?.Get(Marker);
                if (part.Object is null)
                {
                    unknownAhead = true;
                    continue;
                }

                var text = part.Object.Get("text");
                if (marker is not null && !(marker.HasConstant && marker.Constant is null))
                {
                    markers++;
                    var location = LocationOf(marker, body);
                    var tokens = text is null ? null : TokensOf(text, call);
                    if (markers > QwenLimits.MaximumCacheMarkers)
                        yield return (location, $"a request takes at most {QwenLimits.MaximumCacheMarkers} markers; this is marker {markers} of this body");
                    else if (tokens < QwenLimits.ExplicitCacheMinimumTokens)
                        yield return (location, $"the marked text is about {tokens} tokens, under the {QwenLimits.ExplicitCacheMinimumTokens}-token minimum of an explicit cache block");
                    else if (varying is not null && !unknownAhead)
                        yield return (location, $"it follows content that varies ('{Short(varying)}'), so the cached prefix differs on every request");
                }

                if (text is not null)
                    Note(text, call, ref varying, ref unknownAhead);
            }
        }
    }

    /// <summary>Records whether a text value varies; a value not read here makes what follows unknown.</summary>
    private static void Note(JsonMember text, CallSite call, ref SyntaxNode? varying, ref bool unknownAhead)
    {
        if (text.HasConstant)
            return;
        var read = TextOf(text, call);
        if (read is null)
            unknownAhead = true;
        else if (read.Varies && varying is null)
            varying = read.Syntax;
    }

    private static PromptText? TextOf(JsonMember text, CallSite call) => PromptText.Read(text.Value, call.Api);

    private static int? TokensOf(JsonMember text, CallSite call)
        => text.HasConstant ? (text.Constant is string constant ? QwenLimits.EstimateTokens(constant) : null) : TextOf(text, call)?.KnownTokens;

    /// <summary>The member as written (<c>cache_control = …</c>, <c>["cache_control"] = …</c>), or the body when it is a literal.</summary>
    private static Location LocationOf(JsonMember marker, JsonBody body)
    {
        if (marker.Value?.Syntax is not { } value)
            return body.Syntax.GetLocation();
        var member = value.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.NameEqualsSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousObjectMemberDeclaratorSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax ? value.Parent : value;
        return (member is Microsoft.CodeAnalysis.CSharp.Syntax.NameEqualsSyntax ? member.Parent! : member).GetLocation();
    }

    private static string Short(SyntaxNode node)
    {
        var text = node.ToString();
        return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
