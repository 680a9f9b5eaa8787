using EdaAspire.Notifications.Worker.Sms;
using Microsoft.Extensions.Options;

namespace EdaAspire.UnitTests.Notifications;

public sealed class SmsOutboxTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eda-sms-").FullName;

    private string OutboxFile => Path.Combine(_directory, "sms", "outbox.txt");

    private SmsOutbox NewOutbox() => new(Options.Create(new SmsOptions { OutboxFile = OutboxFile }));

    private static SmsMessage Message(string eventId) => new(eventId, "+447700900123", $"text of {eventId}");

    [Fact]
    public async Task A_message_is_one_line_starting_with_its_event_id()
    {
        Assert.Equal(2, await NewOutbox().SendAsync([Message("e-1"), Message("e-2")], CancellationToken.None));

        Assert.Equal(["e-1\t+447700900123\ttext of e-1", "e-2\t+447700900123\ttext of e-2"], await File.ReadAllLinesAsync(OutboxFile));
    }

    [Fact]
    public async Task A_redelivered_event_is_not_sent_again_in_the_same_batch_later_or_after_a_restart()
    {
        var outbox = NewOutbox();
        Assert.Equal(1, await outbox.SendAsync([Message("e-1"), Message("e-1")], CancellationToken.None));
        Assert.Equal(1, await outbox.SendAsync([Message("e-1"), Message("e-2")], CancellationToken.None));

        var restarted = NewOutbox();
        Assert.Equal(1, await restarted.SendAsync([Message("e-2"), Message("e-1"), Message("e-3")], CancellationToken.None));

        Assert.Equal(["e-1", "e-2", "e-3"], (await File.ReadAllLinesAsync(OutboxFile)).Select(l => l.Split('\t')[0]));
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_counts_as_not_sent_and_is_written_again_whole()
    {
        await NewOutbox().SendAsync([Message("e-1")], CancellationToken.None);
        await File.AppendAllTextAsync(OutboxFile, "e-2\t+4477009");

        Assert.Equal(1, await NewOutbox().SendAsync([Message("e-1"), Message("e-2")], CancellationToken.None));

        Assert.Equal(["e-1\t+447700900123\ttext of e-1", "e-2\t+447700900123\ttext of e-2"], await File.ReadAllLinesAsync(OutboxFile));
    }

    [Fact]
    public async Task A_line_break_in_a_message_cannot_forge_another_line()
    {
        await NewOutbox().SendAsync([new SmsMessage("e-1", "+447700900123", "one\ne-2\tforged")], CancellationToken.None);

        Assert.Equal(1, await NewOutbox().SendAsync([Message("e-2")], CancellationToken.None));
        Assert.Equal(2, (await File.ReadAllLinesAsync(OutboxFile)).Length);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
