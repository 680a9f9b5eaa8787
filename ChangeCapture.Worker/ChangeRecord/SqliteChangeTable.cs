using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdaAspire.Contracts.Catalog;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.ChangeCapture.Worker.ChangeRecord;

/// <summary>
/// SQLite's change record: <c>ProductChanges</c>, appended by Catalog.Api's triggers with the row before and after each
/// change as JSON. Each row is one change, so <c>Version</c> is unique and a batch may end anywhere.
/// </summary>
public sealed class SqliteChangeTable(CaptureDbContext db) : IChangeRecord
{
    public const string System = "sqlite";

    public const string ReadStatement = """
        SELECT Version, ProductId, Operation, Before, After, ChangedAt
        FROM ProductChanges
        WHERE Version > {0}
        ORDER BY Version
        LIMIT {1}
        """;

    public const string CountStatement = "SELECT COUNT(*) AS Value FROM ProductChanges WHERE Version > {0}";

    public async Task<long> CountAfterAsync(long position, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>(CountStatement, position).SingleAsync(cancellationToken);

    public async Task<IReadOnlyList<CapturedChange>> ReadAfterAsync(long position, int max, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<ChangeRow>(ReadStatement, position, max).ToListAsync(cancellationToken);
        return [.. rows.Select(row => new CapturedChange(
            row.ProductId,
            row.Operation,
            Image(row.Before),
            Image(row.After),
            new ChangeSource(System, CapturePosition.Source, row.Version,
                DateTimeOffset.Parse(row.ChangedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))))];
    }

    private static ProductImage? Image(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, ChangeTableJson.Default.ProductImage);

    /// <summary>A row of <c>ProductChanges</c> as the statement selects it.</summary>
    internal sealed class ChangeRow
    {
        public long Version { get; set; }

        public required string ProductId { get; set; }

        public required string Operation { get; set; }

        public string? Before { get; set; }

        public string? After { get; set; }

        public required string ChangedAt { get; set; }
    }
}

/// <summary>The triggers' JSON images: SQLite keeps EF's decimals as text, so the price arrives as a string.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ProductImage))]
internal sealed partial class ChangeTableJson : JsonSerializerContext;
