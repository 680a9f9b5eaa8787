namespace EdaAspire.IntegrationTests.Observability;

/// <summary>Where the checkout is, for the artifacts a person may want to read.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static void WriteArtifact(string name, string content)
    {
        var path = Path.Combine(Root, "artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdaAspire.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
