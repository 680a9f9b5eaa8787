using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Messaging.Kafka;

/// <summary>Routes librdkafka's own log lines and errors to ILogger.</summary>
internal static class LibrdkafkaLog
{
    public static void Write(ILogger logger, LogMessage message) =>
        logger.Log(ToLogLevel(message.Level), "librdkafka {Facility} [{Client}]: {Message}", message.Facility, message.Name, message.Message);

    public static void Write(ILogger logger, Error error) =>
        logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Warning, "librdkafka error {Code}: {Reason}", error.Code, error.Reason);

    private static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
