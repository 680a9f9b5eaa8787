namespace EdaAspire.Contracts.Catalog;

/// <summary>
/// The change-data-capture connector's answer to <c>GET /api/capture</c>: how far behind the catalog database it is.
/// </summary>
/// <param name="Position">The change version up to which every change is published (the connector's checkpoint).</param>
/// <param name="Pending">Changes in the database's change record after the checkpoint: its lag, in changes.</param>
/// <param name="Published">Changes this connector process published since it started.</param>
/// <param name="LastPublishedAt">When it last published; null when it has not yet.</param>
public sealed record CaptureStatus(long Position, long Pending, long Published, DateTimeOffset? LastPublishedAt);
