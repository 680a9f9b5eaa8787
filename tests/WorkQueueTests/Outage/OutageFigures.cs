namespace EdaAspire.WorkQueueTests.Outage;

/// <summary>What one outage run did: the figures the report quotes and the assertions check.</summary>
internal sealed record OutageFigures(
    TimeSpan Outage,
    SendFigures Sends,
    ReceiveFigures Receives,
    LoopFigures Loops,
    TimeSpan ConsumersResumedAfter,
    TimeSpan ProducersResumedAfter,
    TimeSpan DrainedIn,
    TimeSpan Runtime)
{
    public override string ToString() =>
        $"outage {Outage.TotalSeconds:F1} s; {Sends}; {Receives}; {Loops}; resumed {ConsumersResumedAfter.TotalSeconds:F1} s (consumers) / " +
        $"{ProducersResumedAfter.TotalSeconds:F1} s (producers) after the store came back; drained in {DrainedIn.TotalSeconds:F1} s; run {Runtime.TotalSeconds:F1} s";
}

/// <summary>The producers' send attempts: each failed send was retried with the same message until acknowledged.</summary>
internal sealed record SendFigures(int Attempts, int Acknowledged, int Failed, int FailedWhileDown, string Errors, TimeSpan SlowestFailure, TimeSpan Slowest)
{
    public override string ToString() =>
        $"sends: {Attempts} attempts, {Acknowledged} acknowledged, {Failed} failed ({FailedWhileDown} while down; {Errors}), " +
        $"slowest failure {SlowestFailure.TotalSeconds:F1} s, slowest send {Slowest.TotalSeconds:F1} s";
}

/// <param name="Received">Distinct message ids delivered at least once.</param>
/// <param name="Completed">Distinct message ids completed at least once.</param>
/// <param name="EffectsApplied">Message ids whose effect was applied (once each: the handler deduplicates by message id).</param>
/// <param name="Lost">Acknowledged message ids never completed.</param>
internal sealed record ReceiveFigures(int Received, int Deliveries, int Completed, int EffectsApplied, int UnknownIds, int SettleFailures, int Lost)
{
    public int Redeliveries => Deliveries - Received;

    /// <summary>Deliveries of an id whose effect was applied already: the duplicates the dedupe absorbed.</summary>
    public int DuplicatesSkipped => Deliveries - EffectsApplied;

    public override string ToString() =>
        $"received {Received} ids in {Deliveries} deliveries ({Redeliveries} redeliveries), completed {Completed}, effects applied " +
        $"{EffectsApplied} ({DuplicatesSkipped} duplicates skipped), settle failures {SettleFailures}, lost {Lost}";
}

/// <summary>What the receive loops logged: a warning when an outage starts, a note when it ends, debug lines per retry.</summary>
internal sealed record LoopFigures(bool SawOutage, int OutageWarnings, int RecoveryNotes, int FailedReceives, int HandlerErrors)
{
    public override string ToString() =>
        $"receive loops: {FailedReceives} failed receives, {OutageWarnings} outage warning(s), {RecoveryNotes} recovery note(s), {HandlerErrors} handler errors";
}
