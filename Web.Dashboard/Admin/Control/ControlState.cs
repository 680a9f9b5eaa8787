using EdaAspire.Contracts.Control;

namespace EdaAspire.Web.Dashboard.Admin.Control;

/// <summary>
/// What topic <c>control</c> says now, as this dashboard process has read it: the failure injection in force and the
/// latest rebuild of each projection. Any replica of the dashboard reads the same, whoever sent the command.
/// </summary>
public sealed class ControlState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RebuildRequest> _rebuilds = new(StringComparer.Ordinal);

    /// <summary>Raised after a control message changed the state; on the reader's thread.</summary>
    public event Action? Changed;

    /// <summary>Null until an operator changed the faults: the workers' configured settings apply.</summary>
    public FulfillmentFaultsChanged? Faults { get; private set; }

    public RebuildRequest? LatestRebuildOf(string projection)
    {
        lock (_gate)
        {
            return _rebuilds.GetValueOrDefault(projection);
        }
    }

    /// <param name="offset">Where the message sits on topic control.</param>
    public void Apply(IControlMessage message, long offset)
    {
        switch (message)
        {
            case FulfillmentFaultsChanged faults:
                Faults = faults;
                break;
            case ProjectionRebuildRequested rebuild:
                lock (_gate)
                {
                    _rebuilds[rebuild.Projection] = new RebuildRequest(rebuild, offset);
                }

                break;
            default:
                return;
        }

        Changed?.Invoke();
    }
}

/// <summary>A rebuild request and where it sits on topic control (which identifies it to the workers).</summary>
public sealed record RebuildRequest(ProjectionRebuildRequested Request, long ControlOffset);
