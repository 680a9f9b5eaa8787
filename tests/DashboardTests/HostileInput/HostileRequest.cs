using System.Text;

namespace EdaAspire.DashboardTests.HostileInput;

/// <summary>
/// One hostile request: what it does wrong, and the method, address, headers and body that do it.
/// <paramref name="Expected"/> is the one status it must get where only one is right (an unknown order is a 404, a wrong
/// key goes back to the sign-in page with a 302); without it any 4xx will do.
/// </summary>
public sealed record HostileRequest(string Flaw, HttpMethod Method, string Target, int? Expected = null)
{
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public HostileRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public HostileRequest WithBody(string body, string? contentType) => WithBody(Encoding.UTF8.GetBytes(body), contentType);

    public HostileRequest WithBody(byte[] body, string? contentType) => this with { Body = body, ContentType = contentType };

    public override string ToString() =>
        $"{Flaw}: {Method} {Truncated(Target)} ({Body?.Length ?? 0} bytes, {ContentType ?? "no media type"}, " +
        $"{Headers.Count} headers: {string.Join(", ", Headers.Take(3).Select(h => $"{h.Key} of {h.Value.Length} characters"))}{(Headers.Count > 3 ? ", …" : "")}) " +
        (Body is null ? "" : Truncated(Encoding.UTF8.GetString(Body)));

    private static string Truncated(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
