namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>A token Service Bus accepts on its <c>$cbs</c> node (claims-based security), with the type CBS expects.</summary>
internal sealed record CbsToken(string Value, string TokenType, DateTimeOffset ExpiresAt)
{
    public const string SharedAccessSignatureType = "servicebus.windows.net:sastoken";
    public const string JsonWebTokenType = "jwt";

    /// <summary>When to put a fresh token: five minutes before expiry, or at 90 % of a shorter lifetime.</summary>
    public DateTimeOffset RefreshAt(DateTimeOffset issuedAt)
    {
        var lifetime = ExpiresAt - issuedAt;
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, lifetime.Ticks / 10));
        return ExpiresAt - margin;
    }
}

/// <summary>Issues the token for one audience (<c>sb://&lt;namespace&gt;/&lt;queue&gt;</c>).</summary>
internal interface ICbsTokenProvider
{
    Task<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken);
}
