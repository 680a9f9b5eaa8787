using System.Text;
using Microsoft.Extensions.Options;

namespace EdaAspire.Notifications.Worker.Email;

/// <summary>
/// An SMTP pickup directory: a mail server (or a person) takes every *.eml dropped here. A file appears whole or not
/// at all (written under a temporary name beside it, then renamed over), and is named by its event, so a redelivered
/// event replaces its own email rather than adding one.
/// </summary>
public sealed class PickupDirectory(IOptions<EmailOptions> options)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Path { get; } = System.IO.Path.GetFullPath(options.Value.PickupDirectory);

    public async Task DropAsync(EmailMessage email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        Directory.CreateDirectory(Path);
        var target = System.IO.Path.Combine(Path, email.FileName);

        // Not *.eml, so nothing picks it up half-written; unique, so two writers never share one.
        var temporary = System.IO.Path.Combine(Path, $".{email.FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await stream.WriteAsync(Utf8.GetBytes(EmlFormat.Write(email)), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
