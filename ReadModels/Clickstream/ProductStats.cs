namespace EdaAspire.ReadModels.Clickstream;

/// <summary>How shoppers treated one product.</summary>
public sealed class ProductStats
{
    public const int MaxIdLength = 128;

    public required string ProductId { get; set; }

    public long Views { get; set; }

    public long AddedToCart { get; set; }

    public long RemovedFromCart { get; set; }

    /// <summary>Units bought in confirmed orders: the funnel's last step, from the orders topic.</summary>
    public long Purchased { get; set; }
}
