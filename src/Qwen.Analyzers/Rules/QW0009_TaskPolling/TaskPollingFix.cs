using System;
using System.Collections.Immutable;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0009's analyzer-to-fixer data (additional locations: the delay statement, the loop).</summary>
internal sealed class TaskPollingFix
{
    private const string ScheduleKey = "ScheduleFix";
    private const string DeadlineKey = "HasDeadline";
    private const string KindKey = "SubmittedKind";

    public TaskPollingFix(bool schedule, bool hasDeadline, CallKind submitted)
    {
        Schedule = schedule;
        HasDeadline = hasDeadline;
        Submitted = submitted;
    }

    /// <summary>The loop's one <c>await Task.Delay(…)</c> statement can become <c>TaskPollingSchedule.WaitAsync</c>.</summary>
    public bool Schedule { get; }

    /// <summary>The loop already stops on its own (a token, a clock, an attempt count): the schedule adds no deadline of its own.</summary>
    public bool HasDeadline { get; }

    /// <summary>The task the method submits (image or video), or unknown: sizes the deadline the second action offers.</summary>
    public CallKind Submitted { get; }

    /// <summary>The deadline the second action offers: the guide's 2 minutes for an image task; 10 minutes where a video (1–5 minutes to render) may be polled.</summary>
    public int DeadlineMinutes => Submitted == CallKind.ImageGeneration ? 2 : 10;

    public ImmutableDictionary<string, string?> ToProperties()
        => FixData.Empty.With(ScheduleKey, Schedule).With(DeadlineKey, HasDeadline).With(KindKey, Submitted.ToString());

    public static TaskPollingFix Read(ImmutableDictionary<string, string?> properties)
        => new(properties.Flag(ScheduleKey), properties.Flag(DeadlineKey),
            Enum.TryParse<CallKind>(properties.Text(KindKey), out var kind) ? kind : CallKind.Unknown);
}
