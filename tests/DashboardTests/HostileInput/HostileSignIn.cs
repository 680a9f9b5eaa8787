using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using static EdaAspire.DashboardTests.HostileInput.HostileTexts;

namespace EdaAspire.DashboardTests.HostileInput;

/// <summary>What the sign-in page hands a browser: the antiforgery cookie, and the token its form posts back.</summary>
public sealed record AntiforgeryTokens(string CookieName, string CookieValue, string FieldName, string Token)
{
    public string Cookie => $"{CookieName}={CookieValue}";
}

/// <summary>
/// Form posts to <c>POST /admin/login</c> and <c>POST /admin/logout</c> that break one rule of an otherwise valid post:
/// the key, the antiforgery token and its cookie, the body's media type or size, the method. A sign-in is refused with a
/// 4xx ProblemDetails, or, for a wrong key from the real form, sent back to the sign-in page (302 to a local address).
/// A sign-out is the same form with only the token: refused alike, and with a valid token it signs out (302 to /)
/// whatever noise comes along.
/// </summary>
public static class HostileSignIn
{
    public const string LoginPath = "/admin/login";
    public const string LogoutPath = "/admin/logout";

    private const string Form = "application/x-www-form-urlencoded";
    private const string Boundary = "b0undary";

    /// <summary>HEAD gets no body and no promise of which 4xx (404: it is not mapped).</summary>
    private static readonly HttpMethod[] OtherMethods =
        [HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Options, HttpMethod.Head, new("PURGE")];

    public static Gen<HostileRequest> Login(AntiforgeryTokens tokens, string adminKey)
    {
        var valid = new SignIn(tokens, [("key", adminKey), ("returnUrl", "/admin"), (tokens.FieldName, tokens.Token)]);
        return Gen.Frequency(
            (3, WrongKey(valid, adminKey)),
            (3, BadAntiforgery(valid)),
            (2, NotAForm(valid)),
            (1, Oversized(valid)),
            (1, Gen.Elements(OtherMethods).Select(method => method == HttpMethod.Head
                ? new HostileRequest("method HEAD", method, LoginPath)
                : valid.Post($"method {method}", StatusCodes.Status405MethodNotAllowed) with { Method = method })),
            (1, WrongKey(valid, adminKey).SelectMany(WithNoise)));
    }

    public static Gen<HostileRequest> Logout(AntiforgeryTokens tokens)
    {
        var valid = new SignIn(tokens, [(tokens.FieldName, tokens.Token)]) { Path = LogoutPath };
        var signOut = valid.Post("sign-out", StatusCodes.Status302Found);
        return Gen.Frequency(
            (1, Gen.Elements(OtherMethods).Select(method =>
                new HostileRequest($"method {method}", method, LogoutPath, method == HttpMethod.Head ? null : StatusCodes.Status405MethodNotAllowed))),
            (1, Gen.Constant(new HostileRequest("method GET (a browser navigating: the not-found page)", HttpMethod.Get, LogoutPath, StatusCodes.Status404NotFound))),
            (3, BadAntiforgery(valid)),
            (2, NotAForm(valid)),
            (1, Oversized(valid)),
            (2, Gen.OneOf(
                HugeQuery.Select(query => signOut with { Flaw = "sign-out carrying a huge query string", Target = LogoutPath + "?" + query }),
                WithNoise(signOut))));
    }

    /// <summary>A key that is not the admin key, or the admin key twice (which one counts?); any return address, even another site's.</summary>
    private static Gen<HostileRequest> WrongKey(SignIn valid, string adminKey) => Gen.Frequency(
        (9, WrongKeyOnce(valid, adminKey)),
        (1, Gen.Constant(valid.With([.. valid.Fields, ("key", adminKey)]).Post("the right key, twice", StatusCodes.Status302Found))));

    private static Gen<HostileRequest> WrongKeyOnce(SignIn valid, string adminKey) =>
        from key in Gen.OneOf(
            Gen.Elements("", " ", "\t", adminKey.ToUpperInvariant(), adminKey + " ", " " + adminKey, adminKey[..^1], adminKey + "x",
                adminKey.Replace('e', 'е'), $"{adminKey},{adminKey}"), // a Cyrillic e; the key twice in one field
            Garbage(1, 64),
            Injection,
            PrintableText(100, 1000)) // ≤ 3 KB encoded: under the form's value limit, so the key is what is wrong
        where key != adminKey
        from returnUrl in Gen.Elements("/admin", "/dead-letters", "", "//evil.example/phish", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")
        from twice in Gen.Elements(false, true)
        let fields = valid.Fields.Where(f => f.Name is not ("key" or "returnUrl")).Append(("returnUrl", returnUrl))
        select valid.With(twice ? fields.Append(("key", key)).Append(("key", key)) : fields.Append(("key", key)))
            .Post(twice ? "wrong key, twice" : "wrong key", StatusCodes.Status302Found);

    /// <summary>The right key, from anywhere but the sign-in page: the token or its cookie missing, forged, swapped or doubled.</summary>
    private static Gen<HostileRequest> BadAntiforgery(SignIn valid)
    {
        var tokens = valid.Tokens;
        var withoutToken = valid.Fields.Where(f => f.Name != tokens.FieldName).ToArray();
        SignIn WithToken(string token) => valid.With(withoutToken.Append((tokens.FieldName, token)));
        return Gen.OneOf(
            Gen.Constant(valid.With(withoutToken).Post("no antiforgery token", StatusCodes.Status400BadRequest)),
            Gen.Constant(valid with { Cookie = null }).Select(v => v.Post("no antiforgery cookie", StatusCodes.Status400BadRequest)),
            Gen.Constant(valid.With(withoutToken) with { Cookie = null }).Select(v => v.Post("neither token nor cookie", StatusCodes.Status400BadRequest)),
            Gen.Constant(WithToken("").Post("an empty token", StatusCodes.Status400BadRequest)),
            ForgedToken.Select(token => WithToken(token).Post("a forged token", StatusCodes.Status400BadRequest)),
            ForgedToken.Select(value => (valid with { Cookie = $"{tokens.CookieName}={value}" }).Post("a forged cookie", StatusCodes.Status400BadRequest)),
            // In the first half: a base64url string's last character may carry bits that decoding drops.
            from at in Gen.Choose(0, (tokens.Token.Length / 2) - 1)
            from replacement in Gen.Elements('A', 'q', '0', '_')
            where tokens.Token[at] != replacement
            select WithToken(tokens.Token[..at] + replacement + tokens.Token[(at + 1)..]).Post($"the token with character {at} changed", StatusCodes.Status400BadRequest),
            Gen.Constant((WithToken(tokens.CookieValue) with { Cookie = $"{tokens.CookieName}={tokens.Token}" }).Post("token and cookie swapped", StatusCodes.Status400BadRequest)),
            Gen.Constant(valid.With([.. valid.Fields, (tokens.FieldName, tokens.Token)]).Post("the token twice", StatusCodes.Status400BadRequest)),
            Gen.Elements("RequestVerificationToken", tokens.FieldName + "_", "_" + tokens.FieldName).Select(name =>
                valid.With(withoutToken.Append((name, tokens.Token))).Post($"the token as '{name}'", StatusCodes.Status400BadRequest)),
            Gen.Elements(".AspNetCore.Antiforgery", tokens.CookieName + "x").Select(name =>
                (valid with { Cookie = $"{name}={tokens.CookieValue}" }).Post($"the cookie as '{name}'", StatusCodes.Status400BadRequest)));
    }

    /// <summary>The right key and a valid token, in a body that is not a form: another media type, broken multipart, bytes.</summary>
    private static Gen<HostileRequest> NotAForm(SignIn valid)
    {
        var json = "{" + string.Join(",", valid.Fields.Select(f => $"\"{f.Name}\":\"{f.Value}\"")) + "}";
        var multipart = valid.Multipart(Boundary);
        var withoutToken = valid.With(valid.Fields.Where(f => f.Name != valid.Tokens.FieldName));
        return Gen.OneOf(
            Gen.Elements("application/json", "text/plain", "application/xml", "application/octet-stream", "text/html")
                .Select(type => valid.Post($"media type '{type}'", StatusCodes.Status415UnsupportedMediaType).WithBody(json, type)),
            Gen.Constant(valid.Post("no media type", StatusCodes.Status415UnsupportedMediaType).WithBody(valid.Encoded, null)),
            Gen.Elements("multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=other", $"multipart/form-data; boundary=\"{new string('b', 200)}\"")
                .Select(type => valid.Post($"multipart as '{type}'", StatusCodes.Status400BadRequest).WithBody(multipart, type)),
            Gen.Choose(1, multipart.Length - 10).Select(length =>
                valid.Post($"multipart cut short at {length}", StatusCodes.Status400BadRequest).WithBody(multipart[..length], $"multipart/form-data; boundary={Boundary}")),
            Bytes(1, 2048).Select(bytes => valid.Post("random bytes as a form", StatusCodes.Status400BadRequest).WithBody(bytes, Form)),
            // UTF-7 is refused, and so is a media type that does not parse, when there is a body to read (the sign-out form
            // without its token is empty); any other charset is read as UTF-8, and the form lacks its token.
            Gen.Elements("utf-7", "\"utf-8\"x", "utf-16", "bogus", "").Select(charset =>
                withoutToken.Post(
                    $"form without token, charset '{charset}'",
                    charset is "utf-7" or "\"utf-8\"x" && withoutToken.Fields.Count > 0
                        ? StatusCodes.Status415UnsupportedMediaType
                        : StatusCodes.Status400BadRequest) with
                {
                    ContentType = $"{Form}; charset={charset}",
                }));
    }

    /// <summary>The right key and a valid token in a form bigger than a sign-in form is: long values or names, many fields, a big multipart body.</summary>
    private static Gen<HostileRequest> Oversized(SignIn valid) => Gen.OneOf(
        Gen.Choose(4097, 20_000).Select(length =>
            valid.With(valid.Fields.Where(f => f.Name != "returnUrl").Append(("returnUrl", "/" + new string('a', length))))
                .Post($"a return address of {length} characters", StatusCodes.Status400BadRequest)),
        Gen.Choose(17, 300).Select(count =>
            valid.With([.. valid.Fields, .. Enumerable.Range(0, count).Select(i => ($"f{i}", "1"))]).Post($"{count} more fields", StatusCodes.Status400BadRequest)),
        Gen.Choose(65, 5000).Select(length =>
            valid.With([.. valid.Fields, (new string('n', length), "1")]).Post($"a field name of {length} characters", StatusCodes.Status400BadRequest)),
        Gen.Choose(17 * 1024, 200 * 1024).Select(length =>
            valid.Post($"a multipart body of {length} bytes", StatusCodes.Status400BadRequest)
                .WithBody((valid with { Fields = [.. valid.Fields, ("padding", new string('p', length))] }).Multipart(Boundary), $"multipart/form-data; boundary={Boundary}")));

    /// <summary>A sign-in (or sign-out) form as the page posts it: its fields and the antiforgery cookie.</summary>
    private sealed record SignIn(AntiforgeryTokens Tokens, IReadOnlyList<(string Name, string Value)> Fields)
    {
        public string? Cookie { get; init; } = Tokens.Cookie;

        public string Path { get; init; } = LoginPath;

        public string Encoded => string.Join("&", Fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));

        public SignIn With(IEnumerable<(string Name, string Value)> fields) => this with { Fields = [.. fields] };

        public string Multipart(string boundary) =>
            string.Concat(Fields.Select(f => $"--{boundary}\r\nContent-Disposition: form-data; name=\"{f.Name}\"\r\n\r\n{f.Value}\r\n")) + $"--{boundary}--\r\n";

        /// <summary>The form, url-encoded, to <see cref="Path"/>.</summary>
        public HostileRequest Post(string flaw, int? expected)
        {
            var request = new HostileRequest(flaw, HttpMethod.Post, Path, expected).WithBody(Encoded, Form);
            return Cookie is null ? request : request.WithHeader("Cookie", Cookie);
        }
    }
}
