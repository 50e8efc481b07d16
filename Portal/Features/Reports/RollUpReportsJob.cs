using Hangfire;

namespace Portal.Features.Reports;

/// <summary>
/// Keeps the report rollups current (<see cref="ReportRollups"/>). Safe to retry and to run at any time: a day's
/// rows are recomputed whole. Across nodes Hangfire's lock keeps two runs apart.
/// </summary>
public sealed class RollUpReportsJob(ReportRollups rollups)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync() => rollups.CatchUpAsync();

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RebuildAsync() => rollups.RebuildAsync();
}
