using EdaAspire.Persistence;
using EdaAspire.Persistence.Checkpoints;
using EdaAspire.Projections.Worker.Clickstream;
using EdaAspire.Projections.Worker.Orders;
using EdaAspire.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EdaAspire.UnitTests.Projections;

/// <summary>
/// The hand-written SQL Server statements cannot run on this machine (no SQL Server), so each is at least parsed
/// by SQL Server's own T-SQL parser (ScriptDom, SQL Server 2022 / Azure SQL grammar), with EF's parameter in place.
/// </summary>
public sealed class SqlServerStatementTests
{
    public static TheoryData<string, string> Statements => new()
    {
        { nameof(ClickstreamSql.PageViews), ClickstreamSql.SqlServer.PageViews },
        { nameof(ClickstreamSql.EventTypes), ClickstreamSql.SqlServer.EventTypes },
        { nameof(ClickstreamSql.Products), ClickstreamSql.SqlServer.Products },
        { nameof(ClickstreamSql.Sessions), ClickstreamSql.SqlServer.Sessions },
        { nameof(OrderCountersSql.Customers), OrderCountersSql.SqlServer.Customers },
        { nameof(OrderCountersSql.Sales), OrderCountersSql.SqlServer.Sales },
        { nameof(OrderCountersSql.Purchases), OrderCountersSql.SqlServer.Purchases },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void Counter_upsert_parses_as_one_MERGE(string table, string statement) =>
        Assert.IsType<MergeStatement>(ParseOne(table, statement));

    [Fact]
    public void Checkpoint_advance_parses_as_one_UPDATE_of_the_mapped_table()
    {
        var options = new DbContextOptionsBuilder<ReadModelsDbContext>();
        options.Use("Server=unused;Database=unused"); // the SQL Server provider; nothing connects
        using var db = new ReadModelsDbContext(options.Options);

        var statement = CheckpointAdvance.Statement(db);

        Assert.IsType<UpdateStatement>(ParseOne("checkpoints", statement));
        Assert.Contains("[ProjectionCheckpoints]", statement, StringComparison.Ordinal);
        Assert.Contains("c.[Projection] = {0}", statement, StringComparison.Ordinal);
    }

    internal static TSqlStatement ParseOne(string what, string statement) => Assert.Single(Parse(what, statement));

    /// <summary>A script of one batch, parsed with EF's parameters in place; fails on any parse error.</summary>
    internal static IList<TSqlStatement> Parse(string what, string statement)
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, "@p0", "@p1", "@p2");
        using var reader = new StringReader(sql);

        var script = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, $"{what}: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        return Assert.Single(script.Batches).Statements;
    }
}
