namespace EdaAspire.LoadTest.Target;

/// <summary>The running system a scenario drives: where to send load, where its read models are, which processes it runs.</summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    Uri IngestionUrl { get; }

    /// <summary>The read-model database the projections write (SQLite under the embedded AppHost).</summary>
    string ReadModelsPath { get; }

    /// <summary>The catalog's database (SQLite under the embedded AppHost), whose change record the connector reads.</summary>
    string CatalogPath { get; }

    /// <summary>The embedded work queue's SQLite file (the fulfillment queue and its dead letters).</summary>
    string MessagingPath { get; }

    /// <summary>Service name → process id, including the AppHost (it runs the embedded Kafka cluster), DCP and the Aspire dashboard.</summary>
    IReadOnlyDictionary<string, int> Processes { get; }
}
