using System.Globalization;
using System.Text;

namespace EdaAspire.Notifications.Worker.Email;

/// <summary>
/// An <see cref="EmailMessage"/> as an Internet Message Format file (RFC 5322, with a MIME text/plain body): what
/// a mail server's pickup directory takes. Lines end with CRLF; header values lose any line break (no header injection).
/// </summary>
public static class EmlFormat
{
    private const string CrLf = "\r\n";

    // An encoded word is at most 75 characters: 45 bytes of UTF-8 are 60 in base64, plus "=?utf-8?B?" and "?=".
    private const int EncodedWordBytes = 45;

    public static string Write(EmailMessage email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var eml = new StringBuilder();
        Header(eml, "From", OneLine(email.From));
        Header(eml, "To", OneLine(email.To));
        Header(eml, "Subject", Encode(OneLine(email.Subject)));
        Header(eml, "Date", DateOf(email.Date));
        Header(eml, "Message-ID", email.MessageId);
        Header(eml, "MIME-Version", "1.0");
        Header(eml, "Content-Type", "text/plain; charset=utf-8");
        Header(eml, "Content-Transfer-Encoding", "8bit");
        eml.Append(CrLf);
        eml.Append(email.Body.ReplaceLineEndings(CrLf));
        if (!email.Body.EndsWith('\n'))
        {
            eml.Append(CrLf);
        }

        return eml.ToString();
    }

    /// <summary>RFC 5322 date-time in UTC, e.g. <c>Mon, 23 Nov 2026 10:00:15 +0000</c>.</summary>
    public static string DateOf(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static void Header(StringBuilder eml, string name, string value) => eml.Append(name).Append(": ").Append(value).Append(CrLf);

    private static string OneLine(string value) => value.ReplaceLineEndings(" ");

    /// <summary>ASCII as it is; anything else as RFC 2047 encoded words, folded onto continuation lines.</summary>
    private static string Encode(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var words = new List<string>();
        var chunk = new StringBuilder();
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            // Whole characters per word: a split UTF-8 sequence would not decode.
            if (bytes + rune.Utf8SequenceLength > EncodedWordBytes)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                bytes = 0;
            }

            chunk.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        words.Add(EncodedWord(chunk.ToString()));
        return string.Join(CrLf + " ", words);
    }

    private static string EncodedWord(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";
}
