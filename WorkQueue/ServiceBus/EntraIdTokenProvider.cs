using Azure.Core;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Gets Entra ID access tokens (JWT) for Service Bus; the audience goes to CBS, the scope to Entra ID.</summary>
internal sealed class EntraIdTokenProvider(TokenCredential credential) : ICbsTokenProvider
{
    public const string Scope = "https://servicebus.azure.net/.default";

    public async Task<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        return new CbsToken(token.Token, CbsToken.JsonWebTokenType, token.ExpiresOn);
    }
}
