using System.Collections.Immutable;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0009's analyzer-to-fixer data (additional locations: the delay statement, the loop).</summary>
internal sealed class TaskPollingFix
{
    private const string ScheduleKey = "ScheduleFix";

    public TaskPollingFix(bool schedule) => Schedule = schedule;

    /// <summary>The loop's one <c>await Task.Delay(…)</c> statement can become <c>TaskPollingSchedule.WaitAsync</c>.</summary>
    public bool Schedule { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(ScheduleKey, Schedule);

    public static TaskPollingFix Read(ImmutableDictionary<string, string?> properties) => new(properties.Flag(ScheduleKey));
}
