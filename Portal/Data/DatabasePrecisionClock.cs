namespace Portal.Data;

/// <summary>
/// The system clock in whole microseconds, the precision PostgreSQL stores: a time the app returns right after saving it
/// (a message's sentAt) is then the same as the one it reads back later, on SQLite and on PostgreSQL.
/// </summary>
public sealed class DatabasePrecisionClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
