using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// What the caller of a case observes: the value it returns (with every side effect the case reports in it), or the
/// exception it throws as the caller's <c>catch</c> clauses see it; and how many model requests reached the service.
/// </summary>
public sealed record Observation(string? Result, string? Exception, int Requests)
{
    /// <summary>
    /// The exception types an application's <c>catch</c> clauses name, most general first: what a thrown exception is
    /// among these is what decides which clause runs. Two exceptions that match the same ones are the same to the caller.
    /// </summary>
    private static readonly Type[] CatchTypes =
    {
        typeof(Exception), typeof(OperationCanceledException), typeof(TaskCanceledException), typeof(TimeoutException),
        typeof(AggregateException), typeof(ClientResultException), typeof(HttpRequestException), typeof(IOException),
        typeof(JsonException), typeof(InvalidOperationException), typeof(Microsoft.SemanticKernel.HttpOperationException),
        typeof(Microsoft.SemanticKernel.KernelException),
    };

    public static Observation Of(object? result, int requests)
        => new(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = false }), null, requests);

    public static Observation Of(Exception exception, int requests)
        => new(null, string.Join(" | ", CatchTypes.Where(t => t.IsInstanceOfType(exception)).Select(t => t.Name)), requests);

    /// <summary>For the failure message: the exception as thrown (type and message), which the comparison does not use.</summary>
    public string? Detail { get; init; }
}
