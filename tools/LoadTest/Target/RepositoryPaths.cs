namespace EdaAspire.LoadTest.Target;

/// <summary>Where things are in the checkout the tool runs from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Artifacts(string name)
    {
        var dir = Path.Combine(Root, "artifacts", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EdaAspire.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        // Outside a checkout the current folder will do for artifacts.
        return Environment.CurrentDirectory;
    }
}
