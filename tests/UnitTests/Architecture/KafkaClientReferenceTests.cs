using System.Reflection;

namespace EdaAspire.UnitTests.Architecture;

/// <summary>
/// The SQL side knows partitions and offsets only as plain values (<c>LogPartition</c>): the Kafka client stays in
/// Messaging, so a store can be read, tested and migrated without it.
/// </summary>
public class KafkaClientReferenceTests
{
    [Theory]
    [InlineData("Persistence", "Messaging")] // implements ICheckpointStore
    [InlineData("ReadModels", "Persistence")]
    public void Stores_do_not_reference_the_Kafka_client(string assembly, string alsoReferenced)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains(alsoReferenced, references); // the listing is the real one, not an empty list
        Assert.DoesNotContain("Confluent.Kafka", references);
    }
}
