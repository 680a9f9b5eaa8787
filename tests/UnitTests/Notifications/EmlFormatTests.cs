using System.Text;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Notifications.Worker.Email;

namespace EdaAspire.UnitTests.Notifications;

public class EmlFormatTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 11, 0, 15, TimeSpan.FromHours(1));

    private static EmailMessage Email(string eventId = "3b0d6a4e-6f55-4a53-9a1e-2f1d0c9b8a77", string subject = "Your order 3B0D6A4E is confirmed") =>
        EmailMessage.For(
            new EventEnvelope(eventId, "shop.order.confirmed.v1", "urn:saga", At, Array.Empty<byte>()),
            "EdaAspire Shop <orders@shop.example>",
            "c-1@customers.example",
            new EmailText(subject, "Hello,\n\nyour order is confirmed.\n"));

    private static (Dictionary<string, string> Headers, string Body) Parse(string eml)
    {
        var split = eml.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = eml[..split].Split("\r\n")
            .Select(line => line.Split(": ", 2))
            .ToDictionary(h => h[0], h => h[1], StringComparer.Ordinal);
        return (headers, eml[(split + 4)..]);
    }

    [Fact]
    public void An_email_is_an_RFC_5322_message_with_a_plain_text_utf8_body()
    {
        var eml = EmlFormat.Write(Email());
        var (headers, body) = Parse(eml);

        Assert.Equal("EdaAspire Shop <orders@shop.example>", headers["From"]);
        Assert.Equal("c-1@customers.example", headers["To"]);
        Assert.Equal("Your order 3B0D6A4E is confirmed", headers["Subject"]);
        Assert.Equal("Mon, 23 Nov 2026 10:00:15 +0000", headers["Date"]);
        Assert.Equal("<3b0d6a4e-6f55-4a53-9a1e-2f1d0c9b8a77@notifications.shop.example>", headers["Message-ID"]);
        Assert.Equal("1.0", headers["MIME-Version"]);
        Assert.Equal("text/plain; charset=utf-8", headers["Content-Type"]);
        Assert.Equal("Hello,\r\n\r\nyour order is confirmed.\r\n", body);
        Assert.DoesNotMatch("[^\r]\n", eml);
    }

    [Fact]
    public void The_message_id_and_file_name_are_the_events_so_a_redelivery_writes_the_same_file()
    {
        Assert.Equal(EmlFormat.Write(Email("e-1")), EmlFormat.Write(Email("e-1")));
        Assert.Equal("e-1.eml", Email("e-1").FileName);
        Assert.NotEqual(Email("e-1").MessageId, Email("e-2").MessageId);
    }

    [Fact]
    public void An_event_id_unfit_for_a_file_name_is_replaced_by_a_stable_uuid()
    {
        var odd = Email("../orders/1 2");

        Assert.Matches("^[0-9a-f-]{36}\\.eml$", odd.FileName);
        Assert.Equal(odd.FileName, Email("../orders/1 2").FileName);
        Assert.Matches("^<[0-9a-f-]{36}@notifications\\.shop\\.example>$", odd.MessageId);
    }

    [Fact]
    public void A_non_ascii_subject_is_encoded_and_a_line_break_cannot_inject_a_header()
    {
        var (headers, _) = Parse(EmlFormat.Write(Email(subject: "Bestellung bestätigt")));
        var injected = EmlFormat.Write(Email(subject: "Hi\r\nBcc: everyone@example.com"));

        Assert.Equal("=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Bestellung bestätigt")) + "?=", headers["Subject"]);
        Assert.Contains("Subject: Hi Bcc: everyone@example.com\r\n", injected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_non_ascii_subject_is_folded_into_encoded_words_of_at_most_75_characters()
    {
        var subject = string.Concat(Enumerable.Repeat("Grüße 😀 ", 12));
        var eml = EmlFormat.Write(Email(subject: subject));
        var start = eml.IndexOf("Subject: ", StringComparison.Ordinal) + "Subject: ".Length;
        var words = eml[start..eml.IndexOf("\r\nDate:", StringComparison.Ordinal)].Split("\r\n ");

        Assert.True(words.Length > 1);
        Assert.All(words, w => Assert.InRange(w.Length, 1, 75));
        var decoded = string.Concat(words.Select(w => Encoding.UTF8.GetString(Convert.FromBase64String(w["=?utf-8?B?".Length..^2]))));
        Assert.Equal(subject, decoded);
    }
}
