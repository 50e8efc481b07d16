using Hangfire;
using Portal.Features.Bot.Annotation;
using Portal.Features.Reports;
using Portal.Features.Routing;
using Portal.Features.Shifts;

namespace Portal.Hosting;

/// <summary>Every recurring background job, one line each (CONVENTIONS: all cron lines in one file).</summary>
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
        // ...and catch up at start, so a fresh install or a restart after downtime does not wait five minutes.
        jobs.Trigger("roll-up-reports");
        // A nightly rebuild picks up what stamps no activity: deleted conversations, teams or people.
        jobs.AddOrUpdate<RollUpReportsJob>("rebuild-reports", job => job.RebuildAsync(), Cron.Daily(2));
        return app;
    }
}
