using EdaAspire.Catalog.Api.ChangeRecord;
using EdaAspire.ChangeCapture.Worker;
using EdaAspire.ChangeCapture.Worker.ChangeRecord;
using EdaAspire.UnitTests.Projections;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EdaAspire.UnitTests.ChangeCapture;

/// <summary>
/// The container route's change data capture is SQL Server Change Tracking, which no test here can run: its statements
/// (the migration's DDL and the connector's reads and checkpoint) are parsed by SQL Server's own T-SQL parser.
/// </summary>
public sealed class ChangeTrackingStatementTests
{
    [Fact]
    public void The_changes_are_read_from_CHANGETABLE_joined_to_the_current_rows_whole_versions_at_a_time()
    {
        var select = Assert.IsType<SelectStatement>(SqlServerStatementTests.ParseOne("changes", SqlServerChangeTracking.ChangesStatement));

        var query = Assert.IsType<QuerySpecification>(select.QueryExpression);
        Assert.True(query.TopRowFilter.WithTies);
        var join = Assert.IsType<QualifiedJoin>(Assert.Single(query.FromClause.TableReferences));
        Assert.Equal(QualifiedJoinType.LeftOuter, join.QualifiedJoinType);
        var changes = Assert.IsType<ChangeTableChangesTableReference>(join.FirstTableReference);
        Assert.Equal("Products", changes.Target.BaseIdentifier.Value);
    }

    [Fact]
    public void The_versions_the_snapshot_and_the_lag_count_parse_as_one_SELECT_each() =>
        Assert.All(
            [SqlServerChangeTracking.VersionsStatement, SqlServerChangeTracking.SnapshotStatement, SqlServerChangeTracking.CountStatement, CapturePosition.ReadStatement],
            statement => Assert.IsType<SelectStatement>(SqlServerStatementTests.ParseOne("read", statement)));

    [Fact]
    public void The_checkpoint_moves_by_one_compare_and_set_UPDATE() =>
        Assert.IsType<UpdateStatement>(SqlServerStatementTests.ParseOne("checkpoint", CapturePosition.AdvanceStatement));

    [Fact]
    public void The_migration_turns_on_change_tracking_and_snapshot_isolation_for_the_database_and_the_table()
    {
        var database = SqlServerStatementTests.Parse("database", ChangeTrackingSql.EnableOnDatabase);
        Assert.IsType<AlterDatabaseSetStatement>(Assert.IsType<IfStatement>(database[0]).ThenStatement);
        Assert.IsType<AlterDatabaseSetStatement>(database[1]);

        var enable = Assert.IsType<AlterTableChangeTrackingModificationStatement>(SqlServerStatementTests.ParseOne("table", ChangeTrackingSql.EnableOnProducts));
        Assert.True(enable.IsEnable);
        Assert.False(Assert.IsType<AlterTableChangeTrackingModificationStatement>(SqlServerStatementTests.ParseOne("table", ChangeTrackingSql.DisableOnProducts)).IsEnable);
    }
}
