using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EdaAspire.Persistence;

/// <summary>
/// Many rows handed to one SQL statement as a single JSON array parameter (SQLite reads it with <c>json_each</c>,
/// SQL Server with <c>OPENJSON</c>): one round trip and one plan per table instead of one per row. Each row is a record
/// whose property names are the JSON keys its statement reads, so the names are written once, in the record.
/// </summary>
public static class JsonRows
{
    /// <summary>Runs <paramref name="statement"/> (JSON parameter <c>{0}</c>) in the context's transaction; nothing for no rows.</summary>
    public static async Task ExecuteWithJsonRowsAsync<TRow>(
        this DatabaseFacade database, string statement, IReadOnlyCollection<TRow> rows, JsonTypeInfo<TRow> row, CancellationToken cancellationToken)
    {
        if (rows.Count > 0)
        {
            await database.ExecuteSqlRawAsync(statement, [Write(rows, row)], cancellationToken);
        }
    }

    public static string Write<TRow>(IEnumerable<TRow> rows, JsonTypeInfo<TRow> row)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in rows)
            {
                JsonSerializer.Serialize(writer, value, row);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
