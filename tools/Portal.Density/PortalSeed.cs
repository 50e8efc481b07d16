namespace Portal.Density;

/// <summary>
/// A Portal data folder past its first start (database created, demo shop seeded, intent model trained), copied for
/// each run so every Portal measured starts as a shop's second day does.
/// </summary>
public static class PortalSeed
{
    public static async Task<string> PrepareAsync(Workspace workspace, Action<string> log, CancellationToken ct)
    {
        var seed = Path.Combine(workspace.Scratch, "portal-seed");
        if (Directory.Exists(Path.Combine(seed, "bot", "models", "active")) || File.Exists(Path.Combine(seed, "bot", "models", "active")))
            return seed;
        log("First start of Portal to seed the demo shop and train the intent model (about a minute)");
        var portal = new ServerSetup(ServerKind.Portal, "datas");
        using var server = await ServerProcess.StartAsync(portal, workspace, 5179, seed, ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (!Path.Exists(Path.Combine(seed, "bot", "models", "active")))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Portal did not train its intent model within 5 minutes.");
            await Task.Delay(1000, ct);
        }
        return seed;
    }

    /// <summary>A fresh copy of the seed for one run.</summary>
    public static string CopyFor(Workspace workspace, string seed, int run)
    {
        var target = Path.Combine(workspace.Scratch, $"portal-run-{run}");
        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        foreach (var file in Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(seed, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }
}
