using Azure.Messaging.ServiceBus;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Reads a Service Bus connection in the forms Aspire hands over, with the SDK's own parser: the emulator's SAS string
/// (<c>UseDevelopmentEmulator=true</c>), a SAS string, or a namespace alone (<c>https://&lt;ns&gt;.servicebus.windows.net:443/</c>,
/// <c>&lt;ns&gt;.servicebus.windows.net</c>, <c>Endpoint=sb://&lt;ns&gt;/</c>) for <c>DefaultAzureCredential</c>.
/// <c>EntityPath</c> is taken out, as Aspire does. Errors name the configuration key, never its value.
/// </summary>
internal static class ServiceBusConnectionString
{
    public static void Normalize(ServiceBusSettings settings)
    {
        var text = settings.ConnectionString?.Trim();
        settings.ConnectionString = null;
        if (text is not null && text.Contains('=', StringComparison.Ordinal))
        {
            var properties = Parse(settings, text);
            settings.EntityPath = properties.EntityPath;
            settings.IsDevelopmentEmulator = IsEmulator(settings, text);
            if (properties.SharedAccessSignature is null && (properties.SharedAccessKeyName is null) != (properties.SharedAccessKey is null))
            {
                throw Invalid(settings, "has only one of SharedAccessKeyName and SharedAccessKey; they go together");
            }

            if (properties.SharedAccessKeyName is not null || properties.SharedAccessSignature is not null)
            {
                // Segment by segment, as written: the SDK rejects a client string that names an entity other than the queue's.
                settings.ConnectionString = string.Join(';', text.Split(';').Where(segment =>
                    !segment.TrimStart().StartsWith("EntityPath=", StringComparison.OrdinalIgnoreCase)));
                return;
            }

            text = properties.FullyQualifiedNamespace; // an endpoint without a key: the namespace, for Entra ID
        }

        settings.FullyQualifiedNamespace = NamespaceHost(settings, string.IsNullOrEmpty(text) ? settings.FullyQualifiedNamespace?.Trim() : text);
    }

    private static ServiceBusConnectionStringProperties Parse(ServiceBusSettings settings, string text)
    {
        ServiceBusConnectionStringProperties properties;
        try
        {
            properties = ServiceBusConnectionStringProperties.Parse(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw Invalid(settings, "is not a Service Bus connection string ('Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…')");
        }

        return properties.Endpoint is { Host.Length: > 0 } ? properties : throw Invalid(settings, "has no Endpoint");
    }

    // The SDK reads this key itself but does not expose it.
    private static bool IsEmulator(ServiceBusSettings settings, string text)
    {
        var flag = text.Split(';').Select(segment => segment.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Trim().Equals("UseDevelopmentEmulator", StringComparison.OrdinalIgnoreCase))?[1].Trim();
        return flag is null ? false : bool.TryParse(flag, out var on) ? on : throw Invalid(settings, "has a UseDevelopmentEmulator that is neither true nor false");
    }

    private static string NamespaceHost(ServiceBusSettings settings, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new InvalidOperationException(
                $"The Service Bus work queue has no connection: set ConnectionStrings:messaging, {ServiceBusSettings.SectionName}:ConnectionString " +
                $"or {ServiceBusSettings.SectionName}:FullyQualifiedNamespace.");
        }

        var host = Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : text;
        return Uri.CheckHostName(host) == UriHostNameType.Dns
            ? host
            : throw Invalid(settings, "is not a Service Bus namespace (<ns>.servicebus.windows.net or https://<ns>.servicebus.windows.net/)");
    }

    private static InvalidOperationException Invalid(ServiceBusSettings settings, string problem) => new($"{settings.Source} {problem}.");
}
