namespace EdaAspire.Contracts.Control;

/// <summary>A message on topic <c>control</c>: an operator's command that every replica applies.</summary>
public interface IControlMessage;
