using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Sqlite;
using EdaAspire.WorkQueueTests.Conformance;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace EdaAspire.WorkQueueTests.Sqlite;

/// <summary>What only the SQLite adapter promises: its SQLite, its file, its clock.</summary>
public sealed class SqliteAdapterTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_bundled_SQLite_supports_UPDATE_RETURNING_which_claims_rely_on()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";
        var version = Version.Parse((string)(await command.ExecuteScalarAsync())!);
        Assert.True(version >= new Version(3, 35), $"SQLite {version} has no RETURNING (3.35+)");
    }

    [Fact]
    public async Task The_database_uses_write_ahead_logging_so_readers_never_block_the_writer()
    {
        await Queue("wal").GetCountsAsync();

        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Queues_sharing_a_database_file_are_isolated_from_each_other()
    {
        var orders = Queue("orders");
        var invoices = Queue("invoices");
        await orders.SendAsync(TestMessages.Text("same-id", "for orders"));
        await invoices.SendAsync(TestMessages.Text("same-id", "for invoices")); // not a duplicate: another queue

        var order = Assert.Single(await orders.ReceiveAsync(10, TimeSpan.Zero));
        Assert.Equal("for orders", TestMessages.BodyText(order));
        await orders.DeadLetterAsync(order, "Poison");

        var invoice = Assert.Single(await invoices.ReceiveAsync(10, TimeSpan.Zero));
        Assert.Equal("for invoices", TestMessages.BodyText(invoice));
        await Assert.ThrowsAsync<MessageLockLostException>(() => orders.CompleteAsync(invoice));
        Assert.Empty(await invoices.PeekDeadLettersAsync(10));
        Assert.Equal(new QueueCounts(1, 0, 0, 1), await invoices.GetCountsAsync());
        Assert.Equal(new QueueCounts(0, 0, 1, 0), await orders.GetCountsAsync());
    }

    [Fact]
    public async Task Duplicate_detection_forgets_a_message_id_once_the_window_has_passed()
    {
        var queue = Queue("dedupe", o => o with { DuplicateDetectionWindow = TimeSpan.FromMinutes(1) });
        await queue.SendAsync(TestMessages.Text("m", "first"));
        await queue.CompleteAsync(Assert.Single(await queue.ReceiveAsync(10, TimeSpan.Zero)));

        _clock.Advance(TimeSpan.FromSeconds(59));
        await queue.SendAsync(TestMessages.Text("m", "inside the window"));
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.Zero));

        _clock.Advance(TimeSpan.FromSeconds(2));
        await queue.SendAsync(TestMessages.Text("m", "after the window"));
        Assert.Equal("after the window", TestMessages.BodyText(Assert.Single(await queue.ReceiveAsync(10, TimeSpan.Zero))));
    }

    [Fact]
    public async Task A_zero_window_turns_duplicate_detection_off()
    {
        var queue = Queue("no-dedupe", o => o with { DuplicateDetectionWindow = TimeSpan.Zero });
        await queue.SendAsync([TestMessages.Text("m"), TestMessages.Text("m")]);
        Assert.Equal(2, (await queue.ReceiveAsync(10, TimeSpan.Zero)).Count);
    }

    [Fact]
    public async Task A_scheduled_message_becomes_visible_exactly_at_its_time_and_is_enqueued_then()
    {
        var queue = Queue("schedule");
        var due = _clock.GetUtcNow().AddMinutes(10);
        await queue.SendAsync(TestMessages.Text("later") with { ScheduledEnqueueTime = due });

        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero));
        Assert.Equal(new QueueCounts(0, 1, 0, 0), await queue.GetCountsAsync());

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero));
        Assert.Equal(due, received.EnqueuedTime);
        Assert.Equal(due, received.ScheduledEnqueueTime);
    }

    [Fact]
    public async Task A_lock_expires_by_the_clock_and_the_next_delivery_counts_it()
    {
        var queue = Queue("expiry", o => o with { LockDuration = TimeSpan.FromSeconds(30) });
        await queue.SendAsync(TestMessages.Text("m"));
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), first.LockedUntil);

        _clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), await queue.RenewLockAsync(first));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var second = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero));
        Assert.Equal(2, second.DeliveryCount);
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(first));
    }

    [Fact]
    public async Task Every_delivery_gets_its_own_lock_token()
    {
        var queue = Queue("tokens");
        await queue.SendAsync(Enumerable.Range(1, 20).Select(i => TestMessages.Text($"m-{i}")).ToList());
        var received = await queue.ReceiveAsync(20, TimeSpan.Zero);
        Assert.Equal(20, received.Count);
        Assert.Equal(20, received.Select(m => m.LockToken).Distinct().Count());
    }

    [Fact]
    public async Task Two_instances_on_one_file_create_the_schema_once_and_see_the_same_queue()
    {
        var producer = Queue("shared");
        var consumer = Queue("shared");
        await Task.WhenAll(producer.GetCountsAsync(), consumer.GetCountsAsync());
        await producer.SendAsync(TestMessages.Text("m"));
        Assert.Equal("m", Assert.Single(await consumer.ReceiveAsync(1, TimeSpan.Zero)).MessageId);
    }

    [Fact]
    public async Task The_folder_of_the_database_file_is_created_on_first_use()
    {
        var path = Path.Combine(Path.GetDirectoryName(_database.Path)!, "data", "standalone", "queue.db");
        var queue = new SqliteWorkQueue($"Data Source={path}", new WorkQueueOptions { QueueName = "fresh" });
        await queue.SendAsync(TestMessages.Text("m"));
        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=queue;Mode=Memory")]
    public void An_in_memory_database_is_refused_because_consumers_could_never_share_it(string connectionString) =>
        Assert.Throws<ArgumentException>(() => new SqliteWorkQueue(connectionString, new WorkQueueOptions { QueueName = "q" }));

    private SqliteWorkQueue Queue(string name, Func<WorkQueueOptions, WorkQueueOptions>? configure = null)
    {
        var options = new WorkQueueOptions { QueueName = name };
        return new SqliteWorkQueue(_database.ConnectionString, configure?.Invoke(options) ?? options, _clock);
    }
}
