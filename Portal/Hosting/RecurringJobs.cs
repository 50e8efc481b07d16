using Hangfire;
using Portal.Features.Shifts;

namespace Portal.Hosting;

/// <summary>Every recurring background job, with its schedule (CONVENTIONS: every cron line in one file).</summary>
public static class RecurringJobs
{
    public static void SchedulePortalRecurringJobs(this IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();

        // Every minute: online agents idle longer than Portal:Presence:AwayAfterIdle become away.
        jobs.AddOrUpdate<MarkIdleAgentsAwayJob>("mark-idle-agents-away", job => job.RunAsync(), Cron.Minutely());
    }
}
