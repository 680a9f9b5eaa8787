extern alias ingestion;

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Workload;
using ingestion::EdaAspire.Ingestion.Api.Clickstream;

namespace EdaAspire.Benchmarks;

/// <summary>A full 1,000-event clickstream request body: parsed with the API's contract, then checked by the API's own validator.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private byte[] _body = [];
    private ClickstreamBatch _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _batch = new ClickstreamBatch([.. new ClickMix().Batch(ClickstreamBatchValidator.MaxEvents, DateTimeOffset.UtcNow)]);
        _body = JsonSerializer.SerializeToUtf8Bytes(_batch, ContractsJsonContext.Default.ClickstreamBatch);
    }

    [Benchmark(Description = "parse 1,000-event body")]
    public ClickstreamBatch? Parse() => JsonSerializer.Deserialize(_body, ContractsJsonContext.Default.ClickstreamBatch);

    [Benchmark(Description = "validate 1,000-event batch")]
    public int Validate() => ClickstreamBatchValidator.Validate(_batch, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).Count;

    [Benchmark(Description = "wrap 1,000 events + Kafka headers")]
    public int WrapBatch()
    {
        var bytes = 0;
        foreach (var click in _batch.Events!)
        {
            var record = IngestEnvelope.Record(click!);
            bytes += record.Headers.Count + record.Value.Length;
        }

        return bytes;
    }
}
