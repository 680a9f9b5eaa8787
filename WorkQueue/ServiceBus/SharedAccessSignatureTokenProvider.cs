using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Signs Service Bus SAS tokens with a shared access key:
/// <c>SharedAccessSignature sr=&lt;audience&gt;&amp;sig=&lt;HMAC-SHA256(audience\nexpiry)&gt;&amp;se=&lt;expiry&gt;&amp;skn=&lt;key name&gt;</c>.
/// </summary>
internal sealed class SharedAccessSignatureTokenProvider(SharedAccessKeyCredential key, TimeProvider time) : ICbsTokenProvider
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public Task<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken) =>
        Task.FromResult(Create(audience, time.GetUtcNow() + Lifetime));

    internal CbsToken Create(string audience, DateTimeOffset expiresAt)
    {
        var resource = WebUtility.UrlEncode(audience);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.Key), Encoding.UTF8.GetBytes($"{resource}\n{expiry}")));
        var value = $"SharedAccessSignature sr={resource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(key.KeyName)}";
        return new CbsToken(value, CbsToken.SharedAccessSignatureType, DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }
}
