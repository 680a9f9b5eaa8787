using EdaAspire.ChangeCapture.Worker.ChangeRecord;
using EdaAspire.Contracts.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdaAspire.ChangeCapture.Worker;

/// <summary>
/// <c>GET /api/capture</c>: how far the connector is behind the catalog database (its checkpoint, the changes recorded
/// after it), for the dashboard's overview and operators. Open like <c>/health</c>: it names no product.
/// </summary>
public static class CaptureApi
{
    public const string Path = "/api/capture";

    public static IEndpointRouteBuilder MapCaptureApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetStatusAsync).WithName("GetCaptureStatus");
        return app;
    }

    public static async Task<Ok<CaptureStatus>> GetStatusAsync(
        CapturePosition position, IChangeRecord record, CaptureProgress progress, CancellationToken cancellationToken)
    {
        var at = await position.ReadAsync(cancellationToken);
        var pending = await record.CountAfterAsync(at, cancellationToken);
        return TypedResults.Ok(new CaptureStatus(at, pending, progress.Published, progress.LastPublishedAt));
    }
}
