using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The test process's thread pool. It hosts dozens of in-process apps, their hub and HTTP clients, Chromium's driver and
/// ML.NET training (tens of seconds of work on the pool) side by side on two cores. With the default minimum of one
/// worker per core the pool ran with 5–10 threads and a queued work item waited up to 7.8 s (23 waits over 250 ms in one
/// full run): long enough for a test's hub client to miss a 10 s deadline on a message the nodes had long delivered.
/// With a minimum of 32, in the next run: one wait over 250 ms (354 ms), and it took 4 m 3 s instead of 5 m 19 s. The watch that
/// measured it stays, for failure messages that must tell a slow node from a starved test process.
/// </summary>
public static class TestProcessThreadPool
{
    private const int MinimumThreads = 32;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private static readonly ConcurrentQueue<(DateTime At, TimeSpan Late)> Lateness = new();

#pragma warning disable CA2255 // A module initializer in a test assembly: the pool must be set before any test starts.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Configure()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumThreads), Math.Max(completionPorts, MinimumThreads));
        new Thread(Watch) { IsBackground = true, Name = "Thread pool watch" }.Start();
    }

    /// <summary>The worst delay of a queued work item over the last <paramref name="window"/>, and the pool now.</summary>
    public static string Describe(TimeSpan window)
    {
        var since = DateTime.UtcNow - window;
        var worst = Lateness.Where(l => l.At >= since).Select(l => l.Late).DefaultIfEmpty().Max();
        return $"\ntest process: a queued work item waited up to {worst.TotalMilliseconds:0} ms in the last {window.TotalSeconds:0} s; " +
            $"{ThreadPool.ThreadCount} pool threads, {ThreadPool.PendingWorkItemCount} work items waiting now";
    }

    private static void Watch()
    {
        while (true)
        {
            Thread.Sleep(Period);
            var queued = Stopwatch.GetTimestamp();
            using var ran = new ManualResetEventSlim();
            ThreadPool.UnsafeQueueUserWorkItem(_ => ran.Set(), null);
            ran.Wait();
            Lateness.Enqueue((DateTime.UtcNow, Stopwatch.GetElapsedTime(queued)));
            while (Lateness.Count > 1_200 && Lateness.TryDequeue(out _)) { }
        }
    }
}
