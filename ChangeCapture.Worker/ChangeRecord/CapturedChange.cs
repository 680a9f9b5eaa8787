using EdaAspire.Contracts.Catalog;

namespace EdaAspire.ChangeCapture.Worker.ChangeRecord;

/// <summary>One change as read from a change record, in the record's order (<see cref="ChangeSource.Version"/>).</summary>
public sealed record CapturedChange(string ProductId, string Operation, ProductImage? Before, ProductImage? After, ChangeSource Source);
