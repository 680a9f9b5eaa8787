// Usage: QueueConsumerProbe <connection string> <queue> [max messages per receive]
// Prints "ready" once the queue is open, then "completed <message id>" for every message it completed (or
// "lost <message id>" when the lock was gone). Stops when its standard input closes, after settling what it holds.
using System.Globalization;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: QueueConsumerProbe <connection string> <queue> [max messages per receive]");
    return 2;
}

var batchSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var queue = WorkQueueConnection.Parse(args[0]).Open(new WorkQueueOptions { QueueName = args[1] });

using var stop = new CancellationTokenSource();
var stdinClosed = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is not null)
    {
    }

    await stop.CancelAsync();
});

await queue.PeekDeadLettersAsync(1); // opens the database (and its schema) or the broker link before the test starts sending
Console.WriteLine("ready");

while (!stop.IsCancellationRequested)
{
    var received = await queue.ReceiveAsync(batchSize, TimeSpan.FromMilliseconds(100));
    foreach (var message in received)
    {
        try
        {
            await queue.CompleteAsync(message);
            Console.WriteLine($"completed {message.MessageId}");
        }
        catch (MessageLockLostException)
        {
            Console.WriteLine($"lost {message.MessageId}");
        }
    }
}

await stdinClosed;
return 0;
