namespace EdaAspire.Catalog.Api.ChangeRecord;

/// <summary>
/// SQL Server's change record for <c>Products</c>: Change Tracking (on Azure SQL too), turned on by the migration.
/// It records which keys changed at which version, not the values; the connector reads the current row beside each
/// change. Snapshot isolation lets the connector read changes and rows as of one version.
/// </summary>
public static class ChangeTrackingSql
{
    /// <summary>Database options: not allowed inside a transaction, so the migration runs them outside its own.</summary>
    public const string EnableOnDatabase = """
        IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID())
            ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 7 DAYS, AUTO_CLEANUP = ON);
        ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
        """;

    public const string EnableOnProducts = "ALTER TABLE [dbo].[Products] ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);";

    public const string DisableOnProducts = "ALTER TABLE [dbo].[Products] DISABLE CHANGE_TRACKING;";
}
