using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0009's analyzer-to-fixer data for a loop the schedule can replace the delay of. The additional locations are, in
/// this order, the delay statement and the loop (<see cref="Locations"/> writes them, <see cref="Read"/> names them).
/// </summary>
internal sealed class TaskPollingFix
{
    private const string ScheduleKey = "ScheduleFix";
    private const string DeadlineKey = "HasDeadline";
    private const string KindKey = "SubmittedKind";

    public TaskPollingFix(bool schedule, bool hasDeadline, CallKind submitted, Location delay, Location loop)
    {
        Schedule = schedule;
        Delay = delay;
        Loop = loop;
        HasDeadline = hasDeadline;
        Submitted = submitted;
    }

    /// <summary>The loop's one <c>await Task.Delay(…)</c> statement can become <c>TaskPollingSchedule.WaitAsync</c>.</summary>
    public bool Schedule { get; }

    /// <summary>The loop's <c>await Task.Delay(…);</c> statement.</summary>
    public Location Delay { get; }

    /// <summary>The polling loop.</summary>
    public Location Loop { get; }

    /// <summary>The loop already stops on its own (a token, a clock, an attempt count): the schedule adds no deadline of its own.</summary>
    public bool HasDeadline { get; }

    /// <summary>The task the method submits (image or video), or unknown: sizes the deadline the second action offers.</summary>
    public CallKind Submitted { get; }

    /// <summary>The deadline the second action offers: the guide's 2 minutes for an image task; 10 minutes where a video (1–5 minutes to render) may be polled.</summary>
    public int DeadlineMinutes => Submitted == CallKind.ImageGeneration ? 2 : 10;

    public ImmutableDictionary<string, string?> ToProperties()
        => FixData.Empty.With(ScheduleKey, Schedule).With(DeadlineKey, HasDeadline).With(KindKey, Submitted.ToString());

    public IEnumerable<Location> Locations() => new[] { Delay, Loop };

    /// <summary>The data of a diagnostic the fixer may rewrite; null for one it leaves alone.</summary>
    public static TaskPollingFix? Read(Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        if (!properties.Flag(ScheduleKey) || diagnostic.AdditionalLocations.Count != 2)
            return null;
        return new(schedule: true, properties.Flag(DeadlineKey), Enum.TryParse<CallKind>(properties.Text(KindKey), out var kind) ? kind : CallKind.Unknown,
            diagnostic.AdditionalLocations[0], diagnostic.AdditionalLocations[1]);
    }
}
