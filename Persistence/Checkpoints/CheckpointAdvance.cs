using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EdaAspire.Persistence.Checkpoints;

/// <summary>
/// The one statement that moves every checkpoint of a batch at once, each only from where the batch expects it
/// (compare-and-set): parameter <c>{0}</c> the subscription, <c>{1}</c> the moves as a JSON array of
/// <see cref="CheckpointMove"/>. Fewer rows changed than moves given means
/// another worker moved one first. Table and column names come from the context's model, quoted by its provider.
/// </summary>
public static class CheckpointAdvance
{
    private static readonly ConcurrentDictionary<(Type, string?), string> Statements = new();

    public static string Statement(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Statements.GetOrAdd((db.GetType(), db.Database.ProviderName), _ => Build(db));
    }

    private static string Build(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(SubscriptionCheckpoint))
            ?? throw new InvalidOperationException($"{db.GetType().Name} maps no subscription checkpoints.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var (name, subscription, topic, partition, next) = (
            sql.DelimitIdentifier(table.Name, table.Schema),
            Column(nameof(SubscriptionCheckpoint.Subscription)),
            Column(nameof(SubscriptionCheckpoint.Topic)),
            Column(nameof(SubscriptionCheckpoint.Partition)),
            Column(nameof(SubscriptionCheckpoint.NextOffset)));

        return SqlDialects.Of(db.Database) == SqlDialect.SqlServer
            ? $"""
                UPDATE c SET {next} = j.NextOffset
                FROM {name} AS c
                JOIN OPENJSON({"{1}"}) WITH (Topic nvarchar(249) '$.Topic', Partition int '$.Partition', [From] bigint '$.From', NextOffset bigint '$.NextOffset') AS j
                    ON c.{topic} = j.Topic AND c.{partition} = j.Partition AND c.{next} = j.[From]
                WHERE c.{subscription} = {"{0}"};
                """
            : $"""
                UPDATE {name} SET {next} = json_extract(j.value, '$.NextOffset')
                FROM json_each({"{1}"}) AS j
                WHERE {subscription} = {"{0}"} AND {topic} = json_extract(j.value, '$.Topic')
                    AND {partition} = json_extract(j.value, '$.Partition') AND {next} = json_extract(j.value, '$.From')
                """;
    }
}
