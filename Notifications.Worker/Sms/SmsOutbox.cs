using Microsoft.Extensions.Options;

namespace EdaAspire.Notifications.Worker.Sms;

/// <summary>
/// The simulated SMS gateway: a file with a line per message, each starting with its event id. It remembers the ids
/// it holds (read from the file when first used), so a message whose event was redelivered, before or after a
/// restart, is not sent twice.
/// </summary>
public sealed class SmsOutbox(IOptions<SmsOptions> options)
{
    private readonly KeyedLineFile _file = new(options.Value.OutboxFile);

    public string Path => _file.Path;

    /// <summary>Sends the messages not sent before, on disk before it returns; returns how many that were.</summary>
    public async Task<int> SendAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken)
    {
        var sent = await _file.AppendNewAsync(messages.Select(m => new KeyedLine(m.EventId, $"{m.To}\t{m.Text}")), cancellationToken);
        return sent.Count;
    }
}
