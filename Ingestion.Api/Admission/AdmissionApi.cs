using EdaAspire.Contracts.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdaAspire.Ingestion.Api.Admission;

/// <summary>
/// <c>GET /api/admission</c>: whether this process refuses new orders now and why, for the dashboard and operators.
/// Open like <c>/health</c>: it tells no more than a refused order's 503 does.
/// </summary>
public static class AdmissionApi
{
    public const string Path = "/api/admission";

    public static IEndpointRouteBuilder MapAdmissionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetStatus).WithName("GetAdmission").WithTags("Orders")
            .WithSummary("Whether new orders are refused now (the order saga too far behind), and why");
        return app;
    }

    public static Ok<AdmissionStatus> GetStatus(AdmissionControl control) => TypedResults.Ok(control.Status());
}
