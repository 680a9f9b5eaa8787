using System.Globalization;
using EdaAspire.Web.Dashboard.Admin;
using FsCheck;
using FsCheck.Fluent;

namespace EdaAspire.DashboardTests.HostileInput;

/// <summary>
/// Values that are wrong wherever a word, a number or a date is expected, and the noise a request can carry besides its
/// flaw (big query strings and headers, forged cookies), kept within Kestrel's limits: 8 KiB request line, 32 KiB of headers.
/// </summary>
public static class HostileTexts
{
    /// <summary>What parsers trip on: separators, escapes, quotes, control characters, other scripts' digits, invisible and combining characters, surrogate pairs.</summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "9", "-", "_", " ", "%", "+", "&", "=", "?", "#", "/", "\\", ":", ";", ",", ".", "'", "\"", "<", ">",
        "{", "}", "[", "]", "\t", "\n", "\u0001", "\u007f", "é", "字", "𝟘", "٣", "０", "\u200B", "\u202E", "\uFEFF", "−", "😀", "e\u0301",
    ];

    private static readonly string[] Printable = [.. Enumerable.Range(0x20, 0x7E - 0x20 + 1).Select(c => ((char)c).ToString())];

    /// <summary>A run of <see cref="Pieces"/>.</summary>
    public static Gen<string> Garbage(int minPieces, int maxPieces) =>
        Gen.Choose(minPieces, maxPieces).SelectMany(count => Gen.ArrayOf(Gen.Elements(Pieces), count)).Select(string.Concat);

    /// <summary>Printable ASCII only: what a header value may hold.</summary>
    public static Gen<string> PrintableText(int minLength, int maxLength) =>
        Gen.Choose(minLength, maxLength).SelectMany(length => Gen.ArrayOf(Gen.Elements(Printable), length)).Select(string.Concat);

    public static Gen<string> Injection => Gen.Elements(
        "' OR 1=1 --", "'; DROP TABLE Orders; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd",
        "%s%s%s%n", "{{7*7}}", "null", "undefined", "NaN", "Infinity", "-1", "0", "[]", "{}", "true");

    /// <summary>Integers far beyond any type, signed or not, with or without an exponent.</summary>
    public static Gen<string> HugeNumber =>
        from digits in Gen.Choose(20, 600)
        from first in Gen.Choose(1, 9)
        from sign in Gen.Elements("", "-", "+")
        from exponent in Gen.Elements("", "e999", "E+308", ".5")
        select sign + first.ToString(CultureInfo.InvariantCulture) + new string('9', digits - 1) + exponent;

    /// <summary>A query string of up to 6.5 KB of parameters the endpoint does not know.</summary>
    public static Gen<string> HugeQuery =>
        from count in Gen.Choose(1, 60)
        from length in Gen.Choose(10, 100)
        select string.Join("&", Enumerable.Range(0, count).Select(i => $"p{i}={new string('q', length)}"));

    /// <summary>One kind of header noise: many or big headers (under 32 KiB in all), a forged sign-in cookie, a bogus bearer token.</summary>
    public static Gen<HostileRequest> WithNoise(HostileRequest request) => Gen.OneOf(
        from count in Gen.Choose(1, 40)
        from value in PrintableText(1, 600)
        select request with
        {
            Flaw = request.Flaw + $" + {count} big headers",
            Headers = [.. request.Headers, .. Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>($"X-Noise-{i}", value))],
        },
        PrintableText(1000, 8000).Select(agent => request.WithHeader("User-Agent", agent) with { Flaw = request.Flaw + " + a huge User-Agent" }),
        ForgedToken.Select(token => request.WithHeader("Cookie", $"{AdminExtensions.CookieName}={token}") with { Flaw = request.Flaw + " + a forged sign-in cookie" }),
        ForgedToken.Select(token => request.WithHeader("Authorization", $"Bearer {token}") with { Flaw = request.Flaw + " + a bearer token" }));

    /// <summary>Base64url of random bytes: the shape of a data-protected cookie or antiforgery token, and neither.</summary>
    public static Gen<string> ForgedToken =>
        Bytes(8, 1500).Select(bytes => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>A GUID drawn from the seed, so that a replay asks for the same ones.</summary>
    public static Gen<Guid> AnyGuid => Bytes(16, 16).Select(bytes => new Guid(bytes));

    public static Gen<byte[]> Bytes(int minLength, int maxLength) =>
        Gen.Choose(minLength, maxLength).SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length));
}
