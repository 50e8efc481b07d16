using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Tests.Infrastructure;

/// <summary>Everything one hub connection received for one event, so a test can wait for a particular one.</summary>
public sealed class HubEventLog<T>
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<T> _received = [];
    private readonly string _eventName;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubEventLog(HubConnection connection, string eventName)
    {
        _eventName = eventName;
        connection.On<T>(eventName, Add);
    }

    public IReadOnlyList<T> Received
    {
        get
        {
            lock (_gate) return [.. _received];
        }
    }

    /// <summary>The first received event that matches, waiting for it to arrive if it has not yet.</summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var index = _received.FindIndex(item => match(item));
                if (index >= 0)
                    return _received[index];
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No matching \"{_eventName}\" event arrived in time; received {Received.Count} others.");
            }
        }
    }

    private void Add(T item)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _received.Add(item);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }
}

public static class HubConnectionExtensions
{
    public static HubEventLog<T> Record<T>(this HubConnection connection, string eventName) => new(connection, eventName);
}
