using EdaAspire.Persistence;

namespace EdaAspire.UnitTests.Observability;

public class SqlCommandSpansTests
{
    [Theory]
    [InlineData("SELECT \"o\".\"Id\" FROM \"Outbox\" AS \"o\" WHERE \"o\".\"NextAttemptAt\" <= @now", "SELECT", "Outbox")]
    [InlineData("\n  INSERT INTO \"Inbox\" (\"MessageId\", \"HandledAt\") VALUES (@p0, @p1);", "INSERT", "Inbox")]
    [InlineData("UPDATE \"Checkpoints\" AS \"c\" SET \"NextOffset\" = @p WHERE 1", "UPDATE", "Checkpoints")]
    [InlineData("DELETE FROM \"Outbox\" WHERE \"Id\" = @p0", "DELETE", "Outbox")]
    [InlineData("PRAGMA journal_mode=WAL;", "PRAGMA", null)]
    public void A_statement_is_named_by_its_operation_and_first_table(string sql, string operation, string? table)
    {
        Assert.Equal((operation, table), SqlCommandSpans.Describe(sql));
    }
}
