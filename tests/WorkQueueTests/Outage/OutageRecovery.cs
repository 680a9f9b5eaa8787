namespace EdaAspire.WorkQueueTests.Outage;

/// <summary>The recovery every queue adapter must show after an outage, judged from the figures of one run.</summary>
internal static class OutageRecovery
{
    /// <summary>
    /// What every adapter must show after an outage: nothing acknowledged lost, each delivered id's effect applied once,
    /// sends failed while the store was away (a hang would hit the traffic's ceilings instead), and the same receive
    /// loops met the outage, reported it once rather than per try, and resumed on their own. How long the slowest send
    /// took is in the printed figures, not asserted.
    /// </summary>
    public static void AssertRecovered(OutageFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var (sends, receives, loops) = (figures.Sends, figures.Receives, figures.Loops);
        Assert.Equal(0, receives.Lost);
        Assert.InRange(receives.Completed, sends.Acknowledged, int.MaxValue); // a failed send may still have got in
        Assert.Equal(receives.Received, receives.EffectsApplied);
        Assert.Equal(0, receives.UnknownIds);

        Assert.True(sends.FailedWhileDown > 0, "no send failed while the store was away: no outage happened");

        Assert.True(loops.SawOutage, "the receive loops never failed while the store was away");
        Assert.InRange(loops.OutageWarnings, 1, 2); // once per outage (twice if it flickered back for a moment)
        // Each warning stands for at least one failed receive. That it comes once per outage however many tries fail is
        // CompetingConsumersTests' to show: here one receive loop against a store that blocks each try for the busy
        // timeout fails only a few times in the outage.
        Assert.InRange(loops.FailedReceives, loops.OutageWarnings, int.MaxValue);
        Assert.Equal(loops.OutageWarnings, loops.RecoveryNotes);
        Assert.Equal(0, loops.HandlerErrors);
    }
}
