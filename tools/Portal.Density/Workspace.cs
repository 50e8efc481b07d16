namespace Portal.Density;

/// <summary>Where things are: the repository, the Portal build under test, and a scratch folder for data and logs.</summary>
public sealed class Workspace
{
    public const string AdminPassword = "Density-Bench-Pa55";

    public Workspace(string scratch)
    {
        RepositoryRoot = FindRepositoryRoot();
        ToolDirectory = Path.Combine(RepositoryRoot, "tools", "Portal.Density");
        PortalDll = Path.Combine(RepositoryRoot, "Portal", "bin", "Release", "net10.0", "Portal.dll");
        Scratch = Directory.CreateDirectory(scratch).FullName;
    }

    public string RepositoryRoot { get; }
    public string ToolDirectory { get; }
    public string PortalDll { get; }
    public string Scratch { get; }

    /// <summary>Appends a server's output to its own log file in the scratch folder.</summary>
    public Action<string?> LogFor(ServerSetup setup, int port)
    {
        var path = Path.Combine(Scratch, $"{setup.Kind}-{setup.Gc}-{port}.log".ToLowerInvariant());
        var gate = new Lock();
        return line =>
        {
            if (line is null)
                return;
            lock (gate)
                File.AppendAllText(path, line + Environment.NewLine);
        };
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
                return directory.FullName;
        throw new InvalidOperationException("Run from inside the Portal repository.");
    }
}
