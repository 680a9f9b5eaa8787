using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using static EdaAspire.DashboardTests.HostileInput.HostileTexts;

namespace EdaAspire.DashboardTests.HostileInput;

/// <summary>An order in the read model: a read of it succeeds unless the request breaks a rule.</summary>
public sealed record KnownOrder(Guid OrderId, DateTimeOffset PlacedAt);

/// <summary>
/// Requests to the read side's order API (<c>GET /api/orders/{orderId}</c>, <c>…/events</c>, <c>…/state?at=</c>) that break
/// exactly one rule of an otherwise valid read: the id, the method, the path, or the moment of the state.
/// </summary>
public static class HostileOrderReads
{
    private const string Orders = "/api/orders/";
    private const string Iso = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>HEAD gets no body and no promise of which 4xx: it is not mapped, and answers 404 rather than 405.</summary>
    private static readonly HttpMethod[] OtherMethods =
        [HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Options, HttpMethod.Head, new("PURGE")];

    /// <summary>A moment after every known order was placed: the state then exists.</summary>
    private static readonly string Later = Format(DateTimeOffset.UtcNow);

    public static Gen<HostileRequest> Status(IReadOnlyList<KnownOrder> known) => Reads("", "", known);

    public static Gen<HostileRequest> Events(IReadOnlyList<KnownOrder> known) => Reads("/events", "", known);

    public static Gen<HostileRequest> State(IReadOnlyList<KnownOrder> known) => Gen.Frequency(
        (2, Reads("/state", $"?at={Later}", known)),
        (3, BadMoments(known)));

    private static Gen<HostileRequest> Reads(string suffix, string query, IReadOnlyList<KnownOrder> known) => Gen.Frequency(
        (3, MalformedId.Select(id => Get($"malformed id: {id.Flaw}", id.Segment, suffix, query, StatusCodes.Status404NotFound))),
        (2, UnknownId.Select(id => Get("unknown id", id, suffix, query, StatusCodes.Status404NotFound))),
        (1, WrongMethod(suffix, query, known)),
        (1, ExtraSegment(suffix, query, known)),
        (1, UnknownId.SelectMany(id => WithNoise(Get("unknown id", id, suffix, query, StatusCodes.Status404NotFound)))),
        (1, UnknownId.SelectMany(id => HugeQuery.Select(extra =>
            Get("unknown id + a huge query string", id, suffix, (query.Length == 0 ? "?" : query + "&") + extra, StatusCodes.Status404NotFound)))));

    /// <summary>Not a GUID: garbage, too long, a GUID cut short or with one character too many or wrong, invalid UTF-8.</summary>
    private static Gen<(string Flaw, string Segment)> MalformedId => Gen.OneOf(
        Garbage(1, 40).Where(text => text.Trim('.').Length > 0).Select(text => ("garbage", Uri.EscapeDataString(text))),
        Injection.Select(text => ("injection", Uri.EscapeDataString(text))),
        HugeNumber.Select(number => ("a huge number", Uri.EscapeDataString(number))),
        Gen.Choose(100, 7000).Select(length => ($"{length} characters", new string('a', length))),
        from guid in AnyGuid
        from cut in Gen.Choose(1, 35)
        select ("a GUID cut short", guid.ToString()[..cut]),
        AnyGuid.Select(guid => ("a GUID and one more", guid + "0")),
        from guid in AnyGuid
        from at in Gen.Choose(0, 35)
        from wrong in Gen.Elements('g', 'z', 'G', '_', ' ', 'é', '０')
        where guid.ToString()[at] != '-'
        select ("a GUID with a non-hex digit", Uri.EscapeDataString(guid.ToString()[..at] + wrong + guid.ToString()[(at + 1)..])),
        Gen.Elements("%FF%FE", "%C3%28", "%E2%82", "%ED%A0%80", "%C0%AF").Select(bytes => ("invalid UTF-8", bytes)));

    /// <summary>Valid GUIDs, in every format the route takes, of orders that do not exist.</summary>
    private static Gen<string> UnknownId => Gen.OneOf(
        AnyGuid.SelectMany(guid => Gen.Elements("D", "N", "B", "P").Select(format => guid.ToString(format, CultureInfo.InvariantCulture))),
        AnyGuid.Select(guid => guid.ToString().ToUpperInvariant()),
        Gen.Elements(Guid.Empty.ToString(), "ffffffff-ffff-ffff-ffff-ffffffffffff"));

    private static Gen<HostileRequest> WrongMethod(string suffix, string query, IReadOnlyList<KnownOrder> known) =>
        from order in Gen.Elements<KnownOrder>(known)
        from method in Gen.Elements(OtherMethods)
        from body in Gen.Elements<string?>(null, "{}", "{\"status\":\"Confirmed\"}")
        let request = new HostileRequest($"method {method}", method, Orders + order.OrderId + suffix + query,
            method == HttpMethod.Head ? null : StatusCodes.Status405MethodNotAllowed)
        select body is null || method == HttpMethod.Head ? request : request.WithBody(body, "application/json");

    private static Gen<HostileRequest> ExtraSegment(string suffix, string query, IReadOnlyList<KnownOrder> known) =>
        from order in Gen.Elements<KnownOrder>(known)
        from extra in Gen.Elements("/x", "/events/x", "/state/x", "/summary", "/" + Guid.Empty, "/%2F", "/.x")
        select new HostileRequest($"path + '{extra}'", HttpMethod.Get, Orders + order.OrderId + suffix + extra + query, StatusCodes.Status404NotFound);

    private static HostileRequest Get(string flaw, string id, string suffix, string query, int expected) =>
        new(flaw, HttpMethod.Get, Orders + id + suffix + query, expected);

    /// <summary>
    /// A known order's state with a wrong moment: missing, given twice, under another name, not ISO 8601, without an
    /// offset (ambiguous), out of range, in other digits, oversized — a 400 — or before the order existed, a 404.
    /// </summary>
    private static Gen<HostileRequest> BadMoments(IReadOnlyList<KnownOrder> known) =>
        from order in Gen.Elements<KnownOrder>(known)
        from flaw in Gen.Frequency<(string Flaw, string Query, int Expected)>(
            (1, Missing),
            (1, Repeated(order)),
            (4, NotAMoment.Select(text => ($"at: {text.Kind}", Query(text.Value), StatusCodes.Status400BadRequest))),
            (1, Unencoded(order)),
            (1, BeforeTheOrder(order).Select(value => ("at: before the order was placed", Query(value), StatusCodes.Status404NotFound))))
        select new HostileRequest(flaw.Flaw, HttpMethod.Get, $"{Orders}{order.OrderId}/state{flaw.Query}", flaw.Expected);

    private static Gen<(string Flaw, string Query, int Expected)> Missing => Gen.Elements("", "?", "?at", "?=x", "?at[]=2026-11-23T12:00:00Z", "?at_=2026-11-23T12:00:00Z",
        "?_at=2026-11-23T12:00:00Z", "?a%20t=2026-11-23T12:00:00Z", "?at.=2026-11-23T12:00:00Z", "?moment=2026-11-23T12:00:00Z")
        .Select(query => ($"at missing: '{query}'", query, StatusCodes.Status400BadRequest));

    /// <summary>Two to five moments, each valid on its own: which one is meant?</summary>
    private static Gen<(string Flaw, string Query, int Expected)> Repeated(KnownOrder order) =>
        from count in Gen.Choose(2, 5)
        from values in Gen.ArrayOf(Gen.OneOf(Gen.Constant(Format(DateTimeOffset.UtcNow)), BeforeTheOrder(order)), count)
        select ($"at given {count} times", "?" + string.Join("&", values.Select(value => "at=" + Uri.EscapeDataString(value))), StatusCodes.Status400BadRequest);

    /// <summary>A '+' left unencoded in the offset is a space to the server: 12:00:00 01:00.</summary>
    private static Gen<(string Flaw, string Query, int Expected)> Unencoded(KnownOrder order) =>
        Gen.Choose(1, 14).Select(hours => ("at with its '+' unencoded",
            $"?at={order.PlacedAt.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)}+{hours:00}:00", StatusCodes.Status400BadRequest));

    /// <summary>Text that is not a moment with an offset in ISO 8601's extended format, whatever else it may be, and what it is instead.</summary>
    private static Gen<(string Kind, string Value)> NotAMoment => Gen.OneOf(
        Gen.Elements("", " ", "yesterday", "now", "today", "tomorrow", "11/23/2026 12:00:00", "23.11.2026 12:00", "Nov 23, 2026",
            "Mon, 23 Nov 2026 12:00:00 GMT", "2026/11/23 12:00:00Z", "20261123T120000Z", "2026-W48-1T12:00:00Z", "2026-327T12:00:00Z",
            "2026-11-23", "12:00:00Z", "T12:00:00Z", "2026-11-23T12Z", "1795435200", "1795435200000", "-62135596800", "0x7FFFFFFF", "-0")
            .Select(value => ("another format or a word", value)),
        Injection.Select(value => ("an injection", value)),
        HugeNumber.Select(value => ("a huge number", value)),
        Garbage(1, 60).Select(value => ("garbage", value)),
        Gen.Choose(1000, 6000).Select(length => ("thousands of digits", new string('9', length))),
        ValidMoment.Select(value => ("no offset (the server's local time: ambiguous)", value[..^1])),
        ValidMoment.SelectMany(OutOfRange).Select(value => ("a field out of range", value)),
        ValidMoment.SelectMany(OtherCharacters).Select(value => ("other digits, dashes or invisible characters", value)),
        ValidMoment.SelectMany(value => Gen.Elements(" " + value, value + " ", value + "\t", "\n" + value)).Select(value => ("white space around", value)),
        ValidMoment.SelectMany(value => Gen.Choose(8, 30).Select(digits => value[..^1] + "." + new string('1', digits) + "Z"))
            .Select(value => ("more than 7 fractional digits", value)),
        ValidMoment.SelectMany(value => Gen.Choose(100, 5000).Select(padding => value + new string('0', padding))).Select(value => ("a moment and thousands of digits", value)));

    /// <summary>Each field of the moment in turn past its range; an offset past ±14 h, or one that puts the moment outside year 1–9999.</summary>
    private static Gen<string> OutOfRange(string value) => Gen.Elements(
        "0000" + value[4..], "10000" + value[4..], value[..5] + "13" + value[7..], value[..5] + "00" + value[7..],
        value[..8] + "32" + value[10..], value[..8] + "00" + value[10..], value[..5] + "02-30" + value[10..],
        value[..11] + "24" + value[13..], value[..14] + "60" + value[16..], value[..17] + "60" + value[19..], value[..17] + "61" + value[19..],
        value[..^1] + "+15:00", value[..^1] + "-14:30", value[..^1] + "+01", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
        "2025-02-29T12:00:00Z");

    /// <summary>The same moment in other scripts' digits and dashes, or with an invisible character inside.</summary>
    private static Gen<string> OtherCharacters(string value) =>
        from position in Gen.Choose(0, value.Length)
        from change in Gen.Elements<Func<string, string>>(
            text => string.Concat(text.Select(c => char.IsAsciiDigit(c) ? (char)('０' + (c - '0')) : c)),
            text => string.Concat(text.Select(c => char.IsAsciiDigit(c) ? (char)('٠' + (c - '0')) : c)),
            text => text.Replace('-', '−'),
            text => text.Replace(':', '：'),
            text => text.Insert(position, "\u200B"),
            text => text.Insert(position, "\u202E"),
            text => text.Insert(position, "\uFEFF"),
            text => text + "😀")
        select change(value);

    /// <summary>A well-formed moment (year 2000–2099, offset Z), to break.</summary>
    private static Gen<string> ValidMoment =>
        from year in Gen.Choose(2000, 2099)
        from day in Gen.Choose(0, 364)
        from second in Gen.Choose(0, (24 * 3600) - 1)
        select Format(new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(day).AddSeconds(second));

    /// <summary>A well-formed moment, with Z or an offset, before <paramref name="order"/> was placed: there was no state yet.</summary>
    private static Gen<string> BeforeTheOrder(KnownOrder order) =>
        from seconds in Gen.Choose(1, int.MaxValue)
        from scale in Gen.Elements(1L, 60L, 3600L)
        from offsetMinutes in Gen.Choose(-14 * 60, 14 * 60)
        let utc = order.PlacedAt.AddSeconds(-Math.Min(seconds * scale, (order.PlacedAt - DateTimeOffset.MinValue).TotalSeconds - 86_400))
        let offset = TimeSpan.FromMinutes(offsetMinutes)
        select offsetMinutes == 0 ? Format(utc) : utc.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset moment) => moment.UtcDateTime.ToString(Iso, CultureInfo.InvariantCulture);

    private static string Query(string value) => "?at=" + Uri.EscapeDataString(value);
}
