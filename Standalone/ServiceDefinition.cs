namespace EdaAspire.Standalone;

/// <summary>One service to run as a child process: which assembly, with which environment, where it listens.</summary>
public sealed record ServiceDefinition(
    string Name,
    string AssemblyPath,
    IReadOnlyDictionary<string, string> Environment,
    Uri? HttpUrl);
