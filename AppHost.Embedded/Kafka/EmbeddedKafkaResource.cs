using EdaAspire.EmbeddedKafka;

namespace EdaAspire.AppHost.Embedded.Kafka;

/// <summary>
/// librdkafka's mock cluster as an Aspire resource: Kafka's wire protocol over TCP on 127.0.0.1, the log in memory.
/// It lives in the AppHost process because its brokers bind ports only when it starts and it is driven through the
/// C API (topics, outages); the services reach it through the bootstrap servers in <c>ConnectionStrings__kafka</c>.
/// </summary>
public sealed class EmbeddedKafkaResource(string name) : Resource(name), IResourceWithConnectionString, IDisposable
{
    private readonly BootstrapServers _bootstrap = new(name);
    private KafkaMockCluster? _cluster;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{_bootstrap}");

    /// <summary>False while an operator has taken the brokers down.</summary>
    public bool BrokersUp { get; private set; } = true;

    public KafkaMockCluster Cluster => _cluster ?? throw new InvalidOperationException($"{Name} has not started.");

    /// <summary>Known once the cluster has started; the health check waits for it.</summary>
    public Task<string> BootstrapServersAsync(CancellationToken cancellationToken) => _bootstrap.Value.WaitAsync(cancellationToken);

    internal KafkaMockCluster Start(KafkaMockClusterOptions options)
    {
        _cluster = KafkaMockCluster.Start(options);
        _bootstrap.Set(_cluster.BootstrapServers);
        return _cluster;
    }

    internal void SetBrokersUp(bool up)
    {
        if (up)
        {
            Cluster.SetAllBrokersUp();
        }
        else
        {
            Cluster.SetAllBrokersDown();
        }

        BrokersUp = up;
    }

    public void Dispose() => _cluster?.Dispose();

    /// <summary>The bootstrap string, which exists only at run time (the brokers pick their ports as they start).</summary>
    private sealed class BootstrapServers(string resourceName) : IValueProvider, IManifestExpressionProvider
    {
        private readonly TaskCompletionSource<string> _value = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Value => _value.Task;

        public string ValueExpression => $"{{{resourceName}.bootstrapServers}}";

        public void Set(string bootstrap) => _value.TrySetResult(bootstrap);

        public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
            await _value.Task.WaitAsync(cancellationToken);
    }
}
