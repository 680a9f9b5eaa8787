using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EdaAspire.Persistence;

/// <summary>
/// Client spans for EF Core's commands on SQLite, which has no OpenTelemetry instrumentation of its own (SQL Server
/// gets SqlClient's). Only inside an existing trace: a poll with nothing current (the outbox relay's, the deadline
/// watcher's) would otherwise start a trace of its own several times a second. Parameters are never recorded.
/// </summary>
public sealed partial class SqlCommandSpans : DbCommandInterceptor
{
    public const string Name = "EdaAspire.Sql";

    public static readonly ActivitySource Source = new(Name);

    public static SqlCommandSpans Instance { get; } = new();

    private readonly ConcurrentDictionary<Guid, Activity> _open = new();

    /// <summary>The span name and attributes of a statement: its operation and, where it names one first, its table.</summary>
    public static (string Operation, string? Table) Describe(string commandText)
    {
        ArgumentNullException.ThrowIfNull(commandText);
        var operation = FirstKeyword().Match(commandText) is { Success: true } keyword ? keyword.Groups["op"].Value.ToUpperInvariant() : "SQL";
        var table = FirstTable().Match(commandText) is { Success: true } match ? match.Groups["table"].Value : null;
        return (operation, table);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Start(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Start(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Stop(eventData, null);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Stop(eventData, null);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Stop(eventData, null);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Stop(eventData, null);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Stop(eventData, null);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Stop(eventData, null);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        Stop(eventData, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData, eventData.Exception);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Stop(eventData, null);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData, null);
        return Task.CompletedTask;
    }

    private void Start(DbCommand command, CommandEventData eventData)
    {
        if (Activity.Current is null || !Source.HasListeners())
        {
            return;
        }

        var (operation, table) = Describe(command.CommandText);
        var span = Source.StartActivity(table is null ? operation : $"{operation} {table}", ActivityKind.Client);
        if (span is null)
        {
            return;
        }

        span.SetTag("db.system.name", "sqlite");
        span.SetTag("db.operation.name", operation);
        span.SetTag("db.collection.name", table);
        span.SetTag("db.namespace", command.Connection?.DataSource is { Length: > 0 } file ? Path.GetFileNameWithoutExtension(file) : null);
        _open[eventData.CommandId] = span;
    }

    private void Stop(CommandEndEventData eventData, Exception? error)
    {
        if (!_open.TryRemove(eventData.CommandId, out var span))
        {
            return;
        }

        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error.Message);
            span.SetTag("error.type", error.GetType().FullName);
        }

        span.Dispose();
    }

    [GeneratedRegex(@"^\s*(?<op>[A-Za-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FirstKeyword();

    [GeneratedRegex(@"\b(?:FROM|INTO|UPDATE)\s+[""\[`]?(?<table>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FirstTable();
}
