using System.Globalization;
using Amqp;
using Amqp.Framing;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Reads the status of a CBS or management response (<c>status-code</c>, older nodes say <c>statusCode</c>).</summary>
internal static class ManagementStatus
{
    public const int Ok = 200;
    public const int Accepted = 202;
    public const int NoContent = 204;
    public const int Gone = 410;

    public static int Code(Message response) =>
        Read(response, "status-code", "statusCode") is { } code ? Convert.ToInt32(code, CultureInfo.InvariantCulture) : 0;

    public static Message EnsureSuccess(Message response, string node)
    {
        var code = Code(response);
        if (code is >= 200 and < 300)
        {
            return response;
        }

        var description = Read(response, "status-description", "statusDescription");
        var condition = Read(response, "error-condition", "errorCondition");
        // 410 Gone is how Service Bus answers a renew-lock whose lock is lost.
        throw code == Gone || condition?.ToString() == "com.microsoft:message-lock-lost"
            ? new LockGoneException(description?.ToString())
            : new AmqpException(new Error(ErrorCode.InternalError) { Description = $"'{node}' answered {code}: {description}" });
    }

    private static object? Read(Message response, string name, string legacyName) =>
        response.ApplicationProperties is { } properties ? properties[name] ?? properties[legacyName] : null;
}

/// <summary>The broker says a lock no longer exists; the adapter turns it into <see cref="MessageLockLostException"/>.</summary>
internal sealed class LockGoneException(string? description) : Exception(description ?? "The lock is gone.");
