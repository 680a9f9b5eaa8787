using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EdaAspire.Persistence;

/// <summary>The SQL a hand-written statement is in: the two providers <see cref="SqlProvider"/> picks from.</summary>
public enum SqlDialect
{
    Sqlite,
    SqlServer,
}

public static class SqlDialects
{
    public static SqlDialect Of(DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer" ? SqlDialect.SqlServer : SqlDialect.Sqlite;
    }

    /// <summary>
    /// A UTC time as text inside a JSON parameter. SQLite: EF Core's own format, so keys match rows EF wrote and text
    /// compares in time order. SQL Server: ISO 8601, which <c>datetime2</c> reads the same under any DATEFORMAT.
    /// </summary>
    public static string Time(this SqlDialect dialect, DateTime utc) =>
        utc.ToString(dialect == SqlDialect.SqlServer ? "yyyy-MM-ddTHH:mm:ss.fffffff" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
