namespace EdaAspire.Standalone;

/// <summary>Command-line options of the standalone host.</summary>
public sealed record StandaloneOptions
{
    public string DataPath { get; init; } = Path.Combine(Environment.CurrentDirectory, ".data", "standalone");

    public int IngestionPort { get; init; } = 5180;

    public int DashboardPort { get; init; } = 5190;

    /// <summary>An OTLP endpoint every service exports to (e.g. Aspire's standalone dashboard), or none.</summary>
    public string? OtlpEndpoint { get; init; }

    public string OtlpProtocol { get; init; } = "grpc";

    public const string Usage = """
        Runs EdaAspire on embedded infrastructure: an in-memory Kafka cluster (librdkafka's mock cluster) and
        fresh SQLite databases, with each service as its own process.

        Options:
          --data <dir>             data folder, emptied at start (default ./.data/standalone)
          --ingestion-port <port>  Ingestion.Api HTTP port (default 5180; 0 picks a free one)
          --dashboard-port <port>  Web.Dashboard HTTP port (default 5190; 0 picks a free one)
          --otlp <url>             export traces, metrics and logs of every service to this OTLP endpoint
          --otlp-protocol <p>      grpc (default) or http/protobuf
          -h, --help               show this help
        """;

    /// <returns>The options, or null when help was asked for.</returns>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static StandaloneOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new StandaloneOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "-h" or "--help" => null,
                "--data" => options with { DataPath = Path.GetFullPath(Value()) },
                "--ingestion-port" => options with { IngestionPort = Port(Value()) },
                "--dashboard-port" => options with { DashboardPort = Port(Value()) },
                "--otlp" => options with { OtlpEndpoint = Value() },
                "--otlp-protocol" => options with { OtlpProtocol = Value() },
                var other => throw new ArgumentException($"Unknown option '{other}'."),
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }

    private static int Port(string value) =>
        int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"'{value}' is not a TCP port.");
}
