namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>A link (or link pair) the session lease caches; a closed one is created anew on next use.</summary>
internal interface ILinkHandle
{
    bool IsClosed { get; }

    Task CloseAsync();
}
