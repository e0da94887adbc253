namespace Qwen.Simulator;

/// <summary>Runs an action on the first <see cref="Dispose"/> only: the end of a counted scope.</summary>
internal sealed class DisposeOnce(Action end) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            end();
    }
}
