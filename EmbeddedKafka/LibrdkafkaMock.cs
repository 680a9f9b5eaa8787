using System.Reflection;
using System.Runtime.InteropServices;

namespace EdaAspire.EmbeddedKafka;

/// <summary>
/// P/Invoke surface of librdkafka's mock cluster (rdkafka_mock.h) and the few core calls it needs.
/// The library is the one Confluent.Kafka ships in librdkafka.redist.
/// </summary>
internal static partial class LibrdkafkaMock
{
    private const string Library = "librdkafka";
    private const int ProducerType = 0; // RD_KAFKA_PRODUCER
    private const int ConfOk = 0;       // RD_KAFKA_CONF_OK

    static LibrdkafkaMock() =>
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaMock).Assembly, ResolveLibrdkafka);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rd_kafka_conf_set(nint conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_new(int type, nint conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    [LibraryImport(Library)]
    internal static partial nint rd_kafka_mock_cluster_bootstraps(nint cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(nint cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(nint cluster, int delayMs);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_set_down(nint cluster, int brokerId);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_broker_set_up(nint cluster, int brokerId);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_push_request_errors_array(nint cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library)]
    private static partial nint rd_kafka_err2str(int err);

    /// <summary>Creates the rd_kafka_t that owns the mock cluster's threads.</summary>
    internal static nint NewHandle(IReadOnlyDictionary<string, string> config)
    {
        var errstr = new byte[512];
        var conf = rd_kafka_conf_new();
        foreach (var (name, value) in config)
        {
            if (rd_kafka_conf_set(conf, name, value, errstr, (nuint)errstr.Length) != ConfOk)
            {
                throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Text(errstr)}");
            }
        }

        // rd_kafka_new takes ownership of conf on success only.
        var rk = rd_kafka_new(ProducerType, conf, errstr, (nuint)errstr.Length);
        return rk != 0 ? rk : throw new InvalidOperationException($"rd_kafka_new failed: {Text(errstr)}");
    }

    internal static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? err.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(byte[] errstr) => System.Text.Encoding.UTF8.GetString(errstr).TrimEnd('\0');

    // Same search Confluent.Kafka does: the RID folder first, then the flat publish layout, and on
    // Linux the glibc build without SASL when the default one cannot load (libsasl2 missing).
    private static nint ResolveLibrdkafka(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return 0;
        }

        var baseDir = AppContext.BaseDirectory;
        var nativeDir = Path.Combine(baseDir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        foreach (var file in CandidateFiles())
        {
            foreach (var dir in new[] { nativeDir, PortableNativeDir(baseDir), baseDir })
            {
                var path = Path.Combine(dir, file);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
                {
                    return handle;
                }
            }
        }

        return 0;
    }

    private static string PortableNativeDir(string baseDir)
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return Path.Combine(baseDir, "runtimes", $"{os}-{arch}", "native");
    }

    private static string[] CandidateFiles() =>
        OperatingSystem.IsWindows() ? ["librdkafka.dll"]
        : OperatingSystem.IsMacOS() ? ["librdkafka.dylib"]
        : ["librdkafka.so", "centos8-librdkafka.so"];
}
