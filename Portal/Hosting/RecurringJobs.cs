using Hangfire;
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
        return app;
    }
}
