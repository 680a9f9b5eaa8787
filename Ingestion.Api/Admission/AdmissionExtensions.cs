namespace EdaAspire.Ingestion.Api.Admission;

public static class AdmissionExtensions
{
    /// <summary>
    /// Admission control of orders by the saga's backlog: the options (<c>Ingestion:Admission</c>), the state, and the
    /// poller that asks the saga, where one is referenced (<c>services:saga</c>, as Aspire's <c>WithReference(saga)</c> sets it).
    /// </summary>
    public static IHostApplicationBuilder AddAdmissionControl(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdmissionOptions>()
            .BindConfiguration(AdmissionOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxAnswerAge > o.PollInterval, "Ingestion:Admission:MaxAnswerAge must be longer than PollInterval, or every answer would be stale.")
            .ValidateOnStart();

        var enabled = builder.Configuration.GetValue($"{AdmissionOptions.SectionName}:Enabled", true)
            && builder.Configuration.GetSection($"services:{SagaBacklogPoller.ServiceName}").Exists();
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AdmissionControl>(sp, enabled));
        if (enabled)
        {
            builder.Services.AddHttpClient(SagaBacklogPoller.HttpClientName);
            builder.Services.AddHostedService<SagaBacklogPoller>();
        }

        return builder;
    }
}
