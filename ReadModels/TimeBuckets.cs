namespace EdaAspire.ReadModels;

/// <summary>The time buckets the read models count in (UTC).</summary>
public static class TimeBuckets
{
    public static DateTime MinuteOf(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
}
