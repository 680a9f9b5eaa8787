using EdaAspire.Messaging.Envelope;

namespace EdaAspire.UnitTests.Messaging;

public class DeterministicIdTests
{
    [Fact]
    public void Matches_the_rfc_9562_version_5_example()
    {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicId.Create(dns, "www.example.com"));
    }

    [Fact]
    public void The_same_name_gives_the_same_id_and_another_name_another()
    {
        Assert.Equal(DeterministicId.Create("order:c-1:key-1"), DeterministicId.Create("order:c-1:key-1"));
        Assert.NotEqual(DeterministicId.Create("order:c-1:key-1"), DeterministicId.Create("order:c-1:key-2"));
        Assert.Equal(5, DeterministicId.Create("x").Version);
    }
}
