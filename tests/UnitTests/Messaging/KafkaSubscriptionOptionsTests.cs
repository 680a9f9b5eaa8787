using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdaAspire.UnitTests.Messaging;

/// <summary>Each subscription's settings are named options: code defaults, then its own section, validated at start.</summary>
public class KafkaSubscriptionOptionsTests
{
    [Fact]
    public void Each_subscription_takes_its_defaults_then_its_own_section()
    {
        using var host = Build(new()
        {
            ["Projections:Clicks:MaxBatchSize"] = "50",
            ["Saga:Subscription:MaxRetryDelay"] = "00:00:02",
        });

        var clicks = host.Services.KafkaSubscriptionOptions("clicks");
        var saga = host.Services.KafkaSubscriptionOptions("saga");

        Assert.Equal(("clicks", "projections", "clickstream", 50), (clicks.Name, clicks.GroupId, Assert.Single(clicks.Topics), clicks.MaxBatchSize));
        Assert.Equal(new KafkaSubscriptionOptions().MaxRetryDelay, clicks.MaxRetryDelay);
        Assert.Equal(("saga", TimeSpan.FromSeconds(2), 1000), (saga.GroupId, saga.MaxRetryDelay, saga.MaxBatchSize));
    }

    [Fact]
    public void A_setting_out_of_range_fails_the_start_validation_naming_it()
    {
        using var host = Build(new() { ["Saga:Subscription:MaxAttempts"] = "0" });

        // What Host.StartAsync runs first, for the options registered with ValidateOnStart.
        var error = Assert.Throws<OptionsValidationException>(host.Services.GetRequiredService<IStartupValidator>().Validate);
        Assert.Equal("saga", error.OptionsName);
        Assert.Contains(nameof(KafkaSubscriptionOptions.MaxAttempts), error.Message, StringComparison.Ordinal);
        Assert.Equal(1000, host.Services.KafkaSubscriptionOptions("clicks").MaxBatchSize); // the other subscription is valid
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddKafkaSubscription("clicks", "Projections:Clicks", s =>
        {
            s.GroupId = "projections";
            s.Topics = ["clickstream"];
        }, _ => throw new InvalidOperationException("not consumed here"), _ => new KafkaCommittedOffsets());
        builder.AddKafkaSubscription("saga", "Saga:Subscription", s =>
        {
            s.GroupId = "saga";
            s.Topics = ["orders"];
        }, _ => throw new InvalidOperationException("not consumed here"), _ => new KafkaCommittedOffsets());
        return builder.Build();
    }
}
