using System.Data.Common;
using System.Globalization;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Reads the work-queue connection strings that name an AMQP 1.0 broker, exactly in the forms Aspire hands them over:
/// <list type="bullet">
/// <item><c>Endpoint=sb://localhost:5672;SharedAccessKeyName=…;SharedAccessKey=…;UseDevelopmentEmulator=true;</c> — the emulator (plain AMQP).</item>
/// <item><c>Endpoint=sb://&lt;ns&gt;.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…</c> — SAS key, amqps on 5671.</item>
/// <item><c>https://&lt;ns&gt;.servicebus.windows.net:443/</c>, bare or as <c>Endpoint=…</c> — Entra ID (DefaultAzureCredential).</item>
/// <item><c>Endpoint=amqp://user:password@host:5672</c> (or <c>amqps://</c>) — a generic AMQP 1.0 broker: RabbitMQ.</item>
/// </list>
/// <c>EntityPath</c>, empty segments and trailing semicolons are tolerated. Errors never echo keys or passwords.
/// </summary>
public static class AmqpConnectionString
{
    private const int AmqpPort = 5672;
    private const int AmqpsPort = 5671;
    private const int RabbitMqManagementPort = 15672;

    private static readonly string[] AmqpSchemes = ["sb", "https", "amqp", "amqps"];

    /// <summary>True when the string names an AMQP endpoint (has an <c>Endpoint=</c> key or is a bare sb/https/amqp URI).</summary>
    public static bool IsAmqp(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (TryBareUri(connectionString, out _))
        {
            return true;
        }

        // Segment by segment rather than by DbConnectionStringBuilder, which drops an empty "Endpoint=" that Parse should report.
        return connectionString.Split(';').Any(segment =>
            segment.Split('=', 2) is [var key, _] && key.Trim().Equals("Endpoint", StringComparison.OrdinalIgnoreCase));
    }

    public static AmqpEndpoint Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (TryBareUri(connectionString, out var bare))
        {
            return FromUri(bare, new DbConnectionStringBuilder());
        }

        if (!TryReadKeys(connectionString, out var keys))
        {
            throw Invalid("is not a 'Key=value;…' connection string");
        }

        if (!keys.TryGetValue("Endpoint", out var endpointValue) || string.IsNullOrWhiteSpace(endpointValue as string))
        {
            throw Invalid("has no Endpoint");
        }

        if (!Uri.TryCreate(((string)endpointValue).Trim(), UriKind.Absolute, out var endpoint) || !AmqpSchemes.Contains(endpoint.Scheme))
        {
            throw Invalid("has an Endpoint that is not an absolute sb://, https://, amqp:// or amqps:// URI");
        }

        return FromUri(endpoint, keys);
    }

    private static AmqpEndpoint FromUri(Uri endpoint, DbConnectionStringBuilder keys)
    {
        if (string.IsNullOrEmpty(endpoint.Host))
        {
            throw Invalid("has an Endpoint without a host");
        }

        var parsed = endpoint.Scheme is "amqp" or "amqps" ? RabbitMq(endpoint, keys) : ServiceBus(endpoint, keys);
        return parsed with
        {
            EntityPath = Value(keys, "EntityPath"),
            AbandonWithRelease = Value(keys, "AbandonOutcome") switch
            {
                null => parsed.Broker == AmqpBroker.RabbitMq,
                var outcome when outcome.Equals("Released", StringComparison.OrdinalIgnoreCase) => true,
                var outcome when outcome.Equals("Modified", StringComparison.OrdinalIgnoreCase) => false,
                _ => throw Invalid("has an AbandonOutcome that is neither Released nor Modified"),
            },
        };
    }

    private static AmqpEndpoint ServiceBus(Uri endpoint, DbConnectionStringBuilder keys)
    {
        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            throw Invalid("puts credentials into a Service Bus Endpoint; use SharedAccessKeyName/SharedAccessKey");
        }

        if (Value(keys, "SharedAccessSignature") is not null)
        {
            throw Invalid("uses SharedAccessSignature, which this adapter does not support; use SharedAccessKeyName/SharedAccessKey or Entra ID");
        }

        var emulator = Flag(keys, "UseDevelopmentEmulator");
        var keyName = Value(keys, "SharedAccessKeyName");
        var key = Value(keys, "SharedAccessKey");
        AmqpCredential credential = (keyName, key) switch
        {
            (not null, not null) => new SharedAccessKeyCredential(keyName, key),
            (null, null) when emulator => throw Invalid("names the Service Bus emulator without SharedAccessKeyName/SharedAccessKey"),
            (null, null) => new EntraIdCredential(),
            _ => throw Invalid("has only one of SharedAccessKeyName and SharedAccessKey; they go together"),
        };

        // The emulator speaks plain AMQP on the port Aspire maps; Azure always takes amqps on 5671 (https :443 is its HTTP port).
        var port = emulator ? (endpoint.Port > 0 && endpoint.Scheme == "sb" ? endpoint.Port : AmqpPort) : AmqpsPort;
        return new AmqpEndpoint(AmqpBroker.ServiceBus, endpoint.Host, port, UseTls: !emulator, credential) { IsDevelopmentEmulator = emulator };
    }

    private static AmqpEndpoint RabbitMq(Uri endpoint, DbConnectionStringBuilder keys)
    {
        if (Value(keys, "SharedAccessKeyName") is not null || Value(keys, "SharedAccessKey") is not null)
        {
            throw Invalid("combines an amqp:// Endpoint with Service Bus keys; an amqp:// endpoint takes user:password in the URI");
        }

        var userInfo = endpoint.UserInfo.Split(':', 2);
        if (userInfo.Length != 2 || userInfo[0].Length == 0)
        {
            throw Invalid("has an amqp:// Endpoint without user:password (amqp://user:password@host:port)");
        }

        var useTls = endpoint.Scheme == "amqps";
        var port = endpoint.Port > 0 ? endpoint.Port : useTls ? AmqpsPort : AmqpPort;
        var management = Value(keys, "ManagementEndpoint") is { } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw Invalid("has a ManagementEndpoint that is not an absolute http(s):// URI")
            : new UriBuilder("http", endpoint.Host, RabbitMqManagementPort).Uri;
        var credential = new UserPasswordCredential(Uri.UnescapeDataString(userInfo[0]), Uri.UnescapeDataString(userInfo[1]));
        return new AmqpEndpoint(AmqpBroker.RabbitMq, endpoint.Host, port, useTls, credential) { ManagementEndpoint = management };
    }

    private static bool TryBareUri(string connectionString, out Uri uri)
    {
        var text = connectionString.Trim();
        uri = null!;
        return !text.Contains('=', StringComparison.Ordinal)
            && Uri.TryCreate(text, UriKind.Absolute, out uri!)
            && AmqpSchemes.Contains(uri.Scheme);
    }

    private static bool TryReadKeys(string connectionString, out DbConnectionStringBuilder keys)
    {
        keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? Value(DbConnectionStringBuilder keys, string key) =>
        keys.TryGetValue(key, out var value) && value is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static bool Flag(DbConnectionStringBuilder keys, string key) => Value(keys, key) switch
    {
        null => false,
        var text when bool.TryParse(text, out var flag) => flag,
        _ => throw Invalid(string.Create(CultureInfo.InvariantCulture, $"has a {key} that is neither true nor false")),
    };

    private static InvalidOperationException Invalid(string problem) =>
        new($"ConnectionStrings:messaging {problem}.");
}
