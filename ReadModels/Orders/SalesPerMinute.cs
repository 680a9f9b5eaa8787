namespace EdaAspire.ReadModels.Orders;

/// <summary>Confirmed orders and their value per minute of confirmation time (UTC), all currencies summed.</summary>
public sealed class SalesPerMinute
{
    public DateTime Minute { get; set; }

    public long Orders { get; set; }

    /// <summary>In hundredths (orders carry at most two decimals), so SQL adds it atomically on SQL Server and SQLite alike.</summary>
    public long RevenueCents { get; set; }
}
