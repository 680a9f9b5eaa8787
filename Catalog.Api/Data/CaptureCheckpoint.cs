namespace EdaAspire.Catalog.Api.Data;

/// <summary>
/// How far the change-data-capture connector has published a table's change record. It lives in the database whose
/// changes it counts, so both move with the database (a restore takes its position back with it); the API never reads it.
/// </summary>
public sealed class CaptureCheckpoint
{
    public const string ProductsSource = "Products";

    public required string Source { get; init; }

    public long Position { get; set; }
}
