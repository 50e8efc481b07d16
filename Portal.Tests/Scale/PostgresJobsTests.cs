using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Scale;

/// <summary>
/// Hangfire's workers run the app's jobs on PostgreSQL storage. Alone in the test process: Hangfire keeps process-wide state,
/// and a PostgreSQL-backed app's workers stopped finishing jobs once a second app had started in the same process
/// (a test-process concern: an operator runs one app per process).
/// </summary>
[Collection(PostgresJobsCollection.Name)]
public sealed class PostgresJobsTests(PostgresPortal portal) : IClassFixture<PostgresPortal>
{
    [Fact]
    public async Task Every_recurring_job_runs_to_success_against_PostgreSQL()
    {
        var jobs = (IRecurringJobManagerV2)portal.App.Services.GetRequiredService<IRecurringJobManager>();
        var recurring = await portal.ListAsync("SELECT value FROM hangfire.set WHERE key = 'recurring-jobs' ORDER BY value");

        var started = recurring.ToDictionary(id => id, id => jobs.TriggerJob(id));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var states = new Dictionary<string, string>();
        do
        {
            await Task.Delay(250);
            foreach (var (id, jobId) in started)
                states[id] = (await portal.ListAsync($"SELECT statename FROM hangfire.job WHERE id = {long.Parse(jobId)}")).Single();
        }
        while (states.Values.Any(s => s is "Enqueued" or "Processing" or "Scheduled") && DateTime.UtcNow < deadline);

        Assert.Contains("roll-up-reports", recurring);
        Assert.All(states, state => Assert.Equal((state.Key, "Succeeded"), (state.Key, state.Value)));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresJobsCollection
{
    public const string Name = "PostgreSQL background jobs";
}
