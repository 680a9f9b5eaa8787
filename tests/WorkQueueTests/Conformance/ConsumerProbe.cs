using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>
/// A QueueConsumerProbe process: a competing consumer in its own OS process. It completes what it receives, reports
/// each message id on standard output and stops when its standard input closes.
/// </summary>
internal sealed class ConsumerProbe : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConsumerProbe(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"The probe exited early: {string.Join('\n', _errors)}"));
    }

    /// <summary>How many messages the probe reported completed so far.</summary>
    public int CompletedCount => _lines.Count(l => l.StartsWith("completed ", StringComparison.Ordinal));

    /// <summary>Completes once the probe has opened the queue.</summary>
    public Task Ready => _ready.Task;

    public static ConsumerProbe Start(string connectionString, string queueName)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProbeAssemblyPath());
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(queueName);

        var probe = new ConsumerProbe(new Process { StartInfo = start, EnableRaisingEvents = true });
        probe._process.Start();
        probe._process.BeginOutputReadLine();
        probe._process.BeginErrorReadLine();
        return probe;
    }

    /// <summary>Closes the probe's input, waits for it to settle what it holds and exit, and returns what it reported.</summary>
    public async Task<ProbeOutput> StopAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        await _outputClosed.Task.WaitAsync(ExitTimeout);
        Assert.True(_process.ExitCode == 0, $"The probe failed ({_process.ExitCode}): {string.Join('\n', _errors)}");
        return new ProbeOutput(Ids("completed "), Ids("lost "));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            _outputClosed.TrySetResult();
        }
        else if (line == "ready")
        {
            _ready.TrySetResult();
        }
        else
        {
            _lines.Enqueue(line);
        }
    }

    private List<string> Ids(string prefix) =>
        _lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();

    /// <summary>The probe's build output beside ours: tests/QueueConsumerProbe/bin/&lt;configuration&gt;/&lt;tfm&gt;/.</summary>
    private static string ProbeAssemblyPath()
    {
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var testsDirectory = tfmDirectory.Parent!.Parent!.Parent!.Parent!;
        var path = Path.Combine(testsDirectory.FullName, "QueueConsumerProbe", "bin", tfmDirectory.Parent!.Name, tfmDirectory.Name, "QueueConsumerProbe.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/QueueConsumerProbe first (the test project references it).", path);
    }
}

/// <summary>The message ids a probe completed, and those whose lock it found lost.</summary>
internal sealed record ProbeOutput(IReadOnlyList<string> Completed, IReadOnlyList<string> Lost);
