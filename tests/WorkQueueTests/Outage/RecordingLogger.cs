using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdaAspire.WorkQueueTests.Outage;

/// <summary>A logger (and provider) that keeps what was logged and when, so a test can count how often an outage was reported.</summary>
internal sealed class RecordingLogger : ILogger, ILoggerProvider
{
    private readonly ConcurrentQueue<(DateTimeOffset At, LogLevel Level, string Message)> _entries = new();

    public int Count(LogLevel level) => _entries.Count(e => e.Level == level);

    /// <summary>Writes the entries at <paramref name="minimum"/> or above, with their wall-clock times, to the test's output.</summary>
    public void WriteTo(ITestOutputHelper output, string source, LogLevel minimum = LogLevel.Information)
    {
        foreach (var (at, level, message) in _entries.Where(e => e.Level >= minimum))
        {
            output.WriteLine($"{Clock(at)} {source} {level}: {message}");
        }
    }

    public static string Clock(DateTimeOffset at) => at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue((DateTimeOffset.UtcNow, logLevel, formatter(state, exception)));
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}
