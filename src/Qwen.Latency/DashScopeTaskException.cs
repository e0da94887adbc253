using System;

namespace Qwen.Latency;

/// <summary>An asynchronous DashScope task that did not succeed: it failed, was canceled, is unknown, or ran out of time.</summary>
public sealed class DashScopeTaskException : Exception
{
    /// <summary>Creates the exception for <paramref name="taskId"/> with the last status seen.</summary>
    public DashScopeTaskException(string taskId, string lastStatus, string message, string? code = null, Exception? innerException = null)
        : base($"DashScope task {taskId} ended {lastStatus}: {message}", innerException)
    {
        TaskId = taskId;
        LastStatus = lastStatus;
        Code = code;
    }

    /// <summary>The task's id (<c>output.task_id</c>).</summary>
    public string TaskId { get; }

    /// <summary>The last status seen: <c>FAILED</c>, <c>CANCELED</c>, <c>UNKNOWN</c>, or <c>PENDING</c> / <c>RUNNING</c> on a timeout, or <c>HTTP nnn</c>.</summary>
    public string LastStatus { get; }

    /// <summary>The service's error code, when it gave one (<c>output.code</c>).</summary>
    public string? Code { get; }
}
