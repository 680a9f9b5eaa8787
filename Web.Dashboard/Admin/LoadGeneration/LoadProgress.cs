namespace EdaAspire.Web.Dashboard.Admin.LoadGeneration;

/// <summary>A run of the load generator so far. Requests count once they are answered.</summary>
/// <param name="Sent">Orders and clickstream events handed to Ingestion.Api.</param>
/// <param name="Accepted">Answered 202: in the log.</param>
/// <param name="Failed">Refused or unanswered.</param>
public sealed record LoadProgress(bool Running, TimeSpan Elapsed, TimeSpan Duration, long Sent, long Accepted, long Failed, string? LastError)
{
    public static readonly LoadProgress Idle = new(false, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, null);

    /// <summary>0–100, by time: the plan is a rate over a duration.</summary>
    public double Percent => Duration <= TimeSpan.Zero ? 0 : Math.Min(100, 100 * Elapsed / Duration);
}
