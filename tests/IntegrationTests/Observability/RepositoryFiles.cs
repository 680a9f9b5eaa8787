namespace EdaAspire.IntegrationTests.Observability;

/// <summary>Where the checkout is, for the built Standalone host and the artifacts a person may want to read.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Standalone host built by the same configuration as these tests (the solution build makes it).</summary>
    public static string StandaloneAssembly
    {
        get
        {
            // tests/IntegrationTests/bin/<configuration>/<tfm>/
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(Root, "Standalone", "bin", tfm.Parent!.Name, tfm.Name, "Standalone.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first (dotnet build EdaAspire.sln).", path);
        }
    }

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
