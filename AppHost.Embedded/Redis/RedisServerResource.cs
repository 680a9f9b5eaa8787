using System.Globalization;

namespace EdaAspire.AppHost.Embedded.Redis;

/// <summary>Debian's <c>redis-server</c> run by DCP on a port chosen at start; its connection string is <c>127.0.0.1:&lt;port&gt;</c>, as Aspire's Redis resource hands over.</summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
}
