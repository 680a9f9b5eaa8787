using System.Collections.Concurrent;
using EdaAspire.WorkQueue;

namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>Competing consumers, in one process and in two: each message is completed exactly once and none is lost.</summary>
public abstract partial class WorkQueueConformance
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Competing_receivers_in_one_process_complete_each_of_500_messages_exactly_once()
    {
        const int messageCount = 500;
        var queue = await CreateQueueAsync();
        var sent = Enumerable.Range(1, messageCount).Select(i => $"order-{i:D4}").ToList();
        foreach (var chunk in sent.Chunk(100))
        {
            await queue.SendAsync(chunk.Select(id => TestMessages.Text(id)).ToList());
        }

        var completed = new ConcurrentQueue<string>();
        using var timeout = new CancellationTokenSource(DrainTimeout);
        async Task ConsumeAsync()
        {
            while (completed.Count < messageCount && !timeout.IsCancellationRequested)
            {
                foreach (var message in await queue.ReceiveAsync(10, ArrivalWait))
                {
                    await queue.CompleteAsync(message); // a second holder of the same delivery would throw here
                    completed.Enqueue(message.MessageId);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(ConsumeAsync)));

        Assert.Equal(messageCount, completed.Count);
        Assert.Equal(sent, completed.Order(StringComparer.Ordinal));
        await AssertCountsAsync(queue, Counts(0, 0, 0, 0));
    }

    [Fact]
    public async Task Two_consumer_processes_split_1000_messages_without_loss_or_duplicates()
    {
        const int atLeast = 1000;
        var queue = await CreateQueueAsync();
        await using var first = ConsumerProbe.Start(ProbeConnectionString, queue.Name);
        await using var second = ConsumerProbe.Start(ProbeConnectionString, queue.Name);
        await Task.WhenAll(first.Ready, second.Ready).WaitAsync(DrainTimeout);

        // Sent while both poll, 50 at a time, each lot drained before the next, until both took a share and at least
        // 1,000 went: which process wins a lot is the scheduler's (a probe starved at start can miss the first
        // thousand), so the count is a floor and the split a condition, with the patience of DrainTimeout.
        var sent = new List<string>();
        using var timeout = new CancellationTokenSource(DrainTimeout);
        try
        {
            while (sent.Count < atLeast || first.CompletedCount == 0 || second.CompletedCount == 0)
            {
                var lot = Enumerable.Range(sent.Count + 1, 50).Select(i => $"shipment-{i:D5}").ToList();
                await queue.SendAsync(lot.Select(id => TestMessages.Text(id)).ToList(), timeout.Token);
                sent.AddRange(lot);
                while (first.CompletedCount + second.CompletedCount < sent.Count)
                {
                    await Task.Delay(20, timeout.Token); // the probes' progress is the condition
                }
            }

            // Drained when the queue agrees too (counts may trail the queue a little).
            while (Capabilities.ReportsCounts && (await queue.GetCountsAsync(timeout.Token)).Active > 0)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Within {DrainTimeout.TotalSeconds} s: {sent.Count} sent, {first.CompletedCount} completed by one probe, {second.CompletedCount} by the other.");
        }

        var firstOutput = await first.StopAsync();
        var secondOutput = await second.StopAsync();
        var completed = firstOutput.Completed.Concat(secondOutput.Completed).Select(SentId).ToList();

        Assert.Empty(firstOutput.Lost.Concat(secondOutput.Lost));
        Assert.Equal(sent.Count, completed.Count);
        Assert.Equal(sent, completed.Order(StringComparer.Ordinal));
        Assert.NotEmpty(firstOutput.Completed);
        Assert.NotEmpty(secondOutput.Completed);
    }
}
