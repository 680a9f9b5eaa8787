using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EdaAspire.Persistence;

/// <summary>
/// Many rows handed to one SQL statement as a single JSON array parameter (SQLite reads it with <c>json_each</c>,
/// SQL Server with <c>OPENJSON</c>): one round trip and one plan per table instead of one per row.
/// </summary>
public static class JsonRows
{
    /// <summary>Runs <paramref name="statement"/> (JSON parameter <c>{0}</c>) in the context's transaction; nothing for no rows.</summary>
    public static async Task ExecuteWithJsonRowsAsync<T>(
        this DatabaseFacade database, string statement, IReadOnlyCollection<T> rows, Action<Utf8JsonWriter, T> writeFields, CancellationToken cancellationToken)
    {
        if (rows.Count > 0)
        {
            await database.ExecuteSqlRawAsync(statement, [Write(rows, writeFields)], cancellationToken);
        }
    }

    public static string Write<T>(IEnumerable<T> rows, Action<Utf8JsonWriter, T> writeFields)
    {
        ArgumentNullException.ThrowIfNull(writeFields);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writeFields(writer, row);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
