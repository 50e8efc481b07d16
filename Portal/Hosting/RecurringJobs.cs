using Hangfire;
using Portal.Features.Bot.Annotation;
using Portal.Features.Reports;
using Portal.Features.Routing;
using Portal.Features.Shifts;

namespace Portal.Hosting;

/// <summary>Every recurring background job, one line each (CONVENTIONS: all cron lines in one file).</summary>
/// <remarks>
/// With several nodes on one PostgreSQL database every node registers these and runs a scheduler, yet each occurrence is
/// enqueued once: Hangfire's scheduler moves a recurring job's next run under its storage's distributed lock, and a worker
/// on one node takes the job. Runs may still overlap when one outlasts its interval or a trigger meets a schedule: the
/// rollups forbid that themselves (<see cref="RollUpReportsJob"/>), routing passes queue on <see cref="Data.ClusterLock"/>,
/// and marking idle agents away and deleting stale utterances are single conditional statements that can run twice.
/// </remarks>
public static class RecurringJobs
{
    public static WebApplication ScheduleRecurringJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        // Queued conversations reach agents who came on shift or online without another trigger.
        jobs.AddOrUpdate<AssignQueuedConversationsJob>("assign-queued-conversations", job => job.RunAsync(), Cron.Minutely());
        // Online agents idle longer than Portal:Presence:AwayAfterIdle become away.
        jobs.AddOrUpdate<MarkIdleAgentsAwayJob>("mark-idle-agents-away", job => job.RunAsync(), Cron.Minutely());
        // Unlabelled bot utterances older than 90 days are deleted, so the annotation log stays bounded.
        jobs.AddOrUpdate<DeleteStaleUtterancesJob>("delete-stale-bot-utterances", job => job.RunAsync(), Cron.Daily(3));
        // Report rollups follow the conversations changed since the last run (the first run backfills everything)...
        jobs.AddOrUpdate<RollUpReportsJob>("roll-up-reports", job => job.RunAsync(), "*/5 * * * *");
        // ...and catch up at start, so a fresh install or a restart after downtime does not wait five minutes (nodes starting
        // together each trigger one; the second waits for the first and finds little left to do).
        jobs.Trigger("roll-up-reports");
        // A nightly rebuild picks up what stamps no activity: deleted conversations, teams or people.
        jobs.AddOrUpdate<RollUpReportsJob>("rebuild-reports", job => job.RebuildAsync(), Cron.Daily(2));
        return app;
    }
}
