namespace EdaAspire.LoadTest.Requests;

/// <summary>The HTTP client every scenario sends with: pooled keep-alive connections, enough of them for the load.</summary>
public static class LoadClient
{
    public static HttpClient Create(Uri baseAddress, string? apiKey)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }
}
