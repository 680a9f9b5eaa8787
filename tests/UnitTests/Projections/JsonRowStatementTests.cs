using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.Projections.Worker;
using EdaAspire.Projections.Worker.Clickstream;
using EdaAspire.Projections.Worker.Orders;
using EdaAspire.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.UnitTests.Projections;

/// <summary>
/// Each set-based statement reads exactly the JSON keys its row record writes, in both dialects: a renamed property
/// or a mistyped path fails here instead of reading NULL into a counter.
/// </summary>
public sealed partial class JsonRowStatementTests
{
    public static TheoryData<string, string, JsonTypeInfo> Statements
    {
        get
        {
            var rows = ProjectionRowsJson.Default;
            var data = new TheoryData<string, string, JsonTypeInfo>();
            foreach (var (dialect, clickstream, orders) in new[]
            {
                ("SQLite", ClickstreamSql.Sqlite, OrderCountersSql.Sqlite),
                ("SQL Server", ClickstreamSql.SqlServer, OrderCountersSql.SqlServer),
            })
            {
                data.Add($"{dialect} {nameof(ClickstreamSql.PageViews)}", clickstream.PageViews, rows.PageViewsRow);
                data.Add($"{dialect} {nameof(ClickstreamSql.EventTypes)}", clickstream.EventTypes, rows.EventTypeCountRow);
                data.Add($"{dialect} {nameof(ClickstreamSql.Products)}", clickstream.Products, rows.ProductActivityRow);
                data.Add($"{dialect} {nameof(ClickstreamSql.Sessions)}", clickstream.Sessions, rows.SessionRow);
                data.Add($"{dialect} {nameof(OrderCountersSql.Customers)}", orders.Customers, rows.CustomerCountersRow);
                data.Add($"{dialect} {nameof(OrderCountersSql.Sales)}", orders.Sales, rows.SalesRow);
                data.Add($"{dialect} {nameof(OrderCountersSql.Purchases)}", orders.Purchases, rows.PurchasesRow);
            }

            data.Add("SQLite checkpoints", CheckpointStatement("Data Source=:memory:"), CheckpointsJson.Default.CheckpointMove);
            data.Add("SQL Server checkpoints", CheckpointStatement("Server=unused;Database=unused"), CheckpointsJson.Default.CheckpointMove);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_reads_exactly_the_keys_its_row_writes(string statement, string sql, JsonTypeInfo row) =>
        Assert.True(Mismatch(sql, row) is null, $"{statement}: {Mismatch(sql, row)}");

    [Fact]
    public void A_statement_paired_with_another_row_is_a_mismatch() =>
        Assert.Equal("the SQL reads [Minute, Views], EventTypeCountRow writes [Count, Type]",
            Mismatch(ClickstreamSql.Sqlite.PageViews, ProjectionRowsJson.Default.EventTypeCountRow));

    private static string? Mismatch(string sql, JsonTypeInfo row)
    {
        var read = JsonPath().Matches(sql).Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.Ordinal);
        var written = row.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return written.SetEquals(read)
            ? null
            : $"the SQL reads [{string.Join(", ", read.Order(StringComparer.Ordinal))}], {row.Type.Name} writes [{string.Join(", ", written.Order(StringComparer.Ordinal))}]";
    }

    /// <summary>A JSON path into a row, as both dialects write it: <c>'$.Key'</c>.</summary>
    [GeneratedRegex(@"'\$\.(?<key>\w+)'")]
    private static partial Regex JsonPath();

    private static string CheckpointStatement(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ReadModelsDbContext>();
        options.Use(connectionString); // the provider the connection string names; nothing connects
        using var db = new ReadModelsDbContext(options.Options);
        return CheckpointAdvance.Statement(db);
    }
}
