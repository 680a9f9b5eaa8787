using EdaAspire.Ingestion.Api.Security;

namespace EdaAspire.UnitTests.Ingestion;

public sealed class ApiKeyRingTests
{
    private static ApiKeyRing Ring(params (string Path, string? Key)[] keys) =>
        new(keys.Select(k => new KeyValuePair<string, string?>(k.Path, k.Key)));

    [Fact]
    public void Finds_the_client_a_key_belongs_to_including_each_of_several_rotating_keys()
    {
        var ring = Ring(("shop", "k-shop"), ("partner:0", "k-old"), ("partner:1", "k-new"), ("", null));

        Assert.True(ring.IsEnabled);
        Assert.Equal("shop", ring.FindClient("k-shop"));
        Assert.Equal("partner", ring.FindClient("k-old"));
        Assert.Equal("partner", ring.FindClient("k-new"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("k-sho")]
    [InlineData("k-shop ")]
    [InlineData("K-SHOP")]
    public void Any_other_key_matches_no_client(string? presented) =>
        Assert.Null(Ring(("shop", "k-shop")).FindClient(presented));

    [Fact]
    public void Without_keys_the_ring_is_disabled_and_matches_nothing()
    {
        var ring = Ring(("shop", ""), ("", null));

        Assert.False(ring.IsEnabled);
        Assert.Null(ring.FindClient(""));
    }
}
