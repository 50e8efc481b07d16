namespace Portal.Features.Reports;

/// <summary>
/// The figures of the conversations created on one UTC day, for one site, channel, team and assignee. Reports add
/// these rows up (histograms included) instead of reading every conversation and message.
/// </summary>
public sealed class ReportRollup
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    public Guid SiteId { get; set; }
    public string Channel { get; set; } = "";
    public Guid? TeamId { get; set; }
    public string? AgentId { get; set; }
    public int Conversations { get; set; }

    /// <summary>Messages of these conversations, private notes left out.</summary>
    public int Messages { get; set; }

    /// <summary>Conversations in which the customer waited for a person.</summary>
    public int WaitedForAgent { get; set; }
    public int FirstResponded { get; set; }

    /// <summary>First-response times, a serialized <see cref="DurationHistogram"/>.</summary>
    public string FirstResponseTimes { get; set; } = "";
    public int Closed { get; set; }

    /// <summary>Resolution times (created → closed), a serialized <see cref="DurationHistogram"/>.</summary>
    public string ResolutionTimes { get; set; } = "";
    public int BotAnswered { get; set; }
    public int BotResolved { get; set; }
}

/// <summary>When the rollups last caught up; one row.</summary>
public sealed class ReportRollupState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The start of the last run: the next run looks at conversations changed since shortly before it.</summary>
    public DateTime LastRunStartedAt { get; set; }

    /// <summary>When the last run finished: the figures are as of then.</summary>
    public DateTime LastRunFinishedAt { get; set; }
}
