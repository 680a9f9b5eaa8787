using System.Globalization;

namespace EdaAspire.LoadTest;

/// <summary>Command-line options of the load tool.</summary>
public sealed record LoadTestOptions
{
    public static readonly IReadOnlyList<string> AllScenarios = ["baselines", "ingest", "latency", "saga", "idle", "catalog"];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>How long each scenario sends load.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Attach to this running system instead of starting one.</summary>
    public Uri? IngestionUrl { get; init; }

    /// <summary>The data folder of the system attached to (its SQLite read models live there).</summary>
    public string? DataPath { get; init; }

    public int IngestConcurrency { get; init; } = 8;

    public int IngestBatchSize { get; init; } = 1000;

    public double LatencyRate { get; init; } = 2000;

    public int LatencyBatchSize { get; init; } = 100;

    /// <summary>Every n-th event of the latency run carries a fresh session id whose row the tool waits for.</summary>
    public int ProbeEvery { get; init; } = 10;

    public double OrderRate { get; init; } = 500;

    public int OrderConcurrency { get; init; } = 128;

    /// <summary>
    /// Load at the saga and latency scenarios' rates before their timed windows, untimed (the saga's drained): for the
    /// first minute or so under load the services' JIT is still recompiling the paths the load reaches, which is
    /// start-up, not the cost of an order or an event's steady-state latency.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long to wait after the load for the system to finish what it accepted.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>100,000 records of ~400 B fit the mock cluster's 5 MiB per partition, so the consumer reads them all.</summary>
    public int BaselineMessages { get; init; } = 100_000;

    /// <summary>Extra environment for the AppHost and so its services (DCP passes it on), e.g. tuning knobs.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? OutputPath { get; init; }

    /// <summary>Sent as X-Api-Key when the API is configured with keys (the embedded AppHost configures none).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Echo the AppHost's console to stderr.</summary>
    public bool Verbose { get; init; }

    public const string Usage = """
        Drives the EdaAspire system (embedded AppHost) over HTTP and measures it beside the raw limits of this machine.

        Usage: dotnet run -c Release --project tools/LoadTest -- [options]

        Options:
          --scenarios <list>         comma-separated, of: baselines, ingest, latency, saga, idle, catalog (default: all)
          --duration <seconds>       load per scenario, or the idle scenario's quiet window (default 25)
          --ingestion-url <url>      attach to a running system instead of starting one per scenario
          --data <dir>               that system's data folder (default AppHost.Embedded/.data)
          --ingest-concurrency <n>   requests in flight in the flat-out ingest run (default 8)
          --ingest-batch <n>         events per request in the flat-out ingest run (default 1000)
          --latency-rate <ev/s>      events per second in the latency run (default 2000)
          --latency-batch <n>        events per request in the latency run (default 100)
          --probe-every <n>          every n-th event of the latency run is timed (default 10)
          --order-rate <orders/s>    orders per second in the saga run (default 500)
          --order-concurrency <n>    order requests in flight at most (default 128)
          --drain <seconds>          wait after the load for the system to catch up (default 30)
          --warm-up <seconds>        the saga and latency scenarios' untimed load (the saga's drained) before
                                     their timed windows; 0 for none (the latency run keeps 3 s) (default 90)
          --baseline-messages <n>    messages for the raw Kafka and SQLite baselines (default 100000)
          --env KEY=VALUE            environment for the started system's services (repeatable), e.g.
                                     --env Projections__Clickstream__MaxBatchWait=00:00:00.010
          --api-key <key>            X-Api-Key for an API configured with keys
          --out <file.json>          where to write the results (default artifacts/load/<utc-time>.json)
          -v, --verbose              echo the system's own log
          -h, --help                 show this help
        """;

    /// <returns>The options, or null when help was asked for.</returns>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static LoadTestOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new LoadTestOptions();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "-h" or "--help" => null,
                "-v" or "--verbose" => options with { Verbose = true },
                "--scenarios" => options with { Scenarios = ScenarioList(Value()) },
                "--duration" => options with { Duration = Seconds(Value()) },
                "--ingestion-url" => options with { IngestionUrl = Url(Value()) },
                "--data" => options with { DataPath = Path.GetFullPath(Value()) },
                "--ingest-concurrency" => options with { IngestConcurrency = Positive(Value()) },
                "--ingest-batch" => options with { IngestBatchSize = Positive(Value()) },
                "--latency-rate" => options with { LatencyRate = Rate(Value()) },
                "--latency-batch" => options with { LatencyBatchSize = Positive(Value()) },
                "--probe-every" => options with { ProbeEvery = Positive(Value()) },
                "--order-rate" => options with { OrderRate = Rate(Value()) },
                "--order-concurrency" => options with { OrderConcurrency = Positive(Value()) },
                "--drain" => options with { Drain = Seconds(Value()) },
                "--warm-up" => options with { WarmUp = SecondsOrNone(Value()) },
                "--baseline-messages" => options with { BaselineMessages = Positive(Value()) },
                "--env" => AddEnvironment(options, environment, Value()),
                "--api-key" => options with { ApiKey = Value() },
                "--out" => options with { OutputPath = Path.GetFullPath(Value()) },
                var other => throw new ArgumentException($"Unknown option '{other}'."),
            };
            if (options is null)
            {
                return null;
            }
        }

        return options with { Environment = environment };
    }

    private static LoadTestOptions AddEnvironment(LoadTestOptions options, Dictionary<string, string> environment, string pair)
    {
        var at = pair.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new ArgumentException($"--env wants KEY=VALUE, not '{pair}'.");
        }

        environment[pair[..at]] = pair[(at + 1)..];
        return options;
    }

    private static List<string> ScenarioList(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return names.Count > 0 && names.All(AllScenarios.Contains)
            ? names
            : throw new ArgumentException($"'{value}' is not a list of: {string.Join(", ", AllScenarios)}.");
    }

    private static TimeSpan Seconds(string value) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : throw new ArgumentException($"'{value}' is not a positive number of seconds.");

    private static TimeSpan SecondsOrNone(string value) => value == "0" ? TimeSpan.Zero : Seconds(value);

    private static int Positive(string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{value}' is not a positive whole number.");

    private static double Rate(string value) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var r) && r > 0
            ? r
            : throw new ArgumentException($"'{value}' is not a positive rate.");

    private static Uri Url(string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var url)
            ? url
            : throw new ArgumentException($"'{value}' is not an absolute URL.");
}
