using System.Diagnostics;

namespace Portal.Density;

public enum ServerKind
{
    Portal,
    BareHub,
    NodeWs,
}

/// <summary>
/// One server under test and its garbage collector: <c>datas</c> (Server GC with dynamic adaptation, .NET's default for
/// Server GC), <c>server</c> (Server GC, adaptation off), <c>workstation</c> (concurrent Workstation GC),
/// <c>workstation-nc</c> (non-concurrent); Node has none to choose. A mode may cap the gen0 budget, as in
/// <c>server+gen0=32</c> (MB, <c>DOTNET_GCgen0size</c>): Server GC's default budget is tens of megabytes per heap,
/// and every page of it the server touches counts as resident memory; <c>+conserve</c> sets <c>DOTNET_GCConserveMemory=7</c>
/// (compact the oldest generation sooner when it is fragmented).
/// </summary>
public sealed record ServerSetup(ServerKind Kind, string Gc)
{
    public static readonly IReadOnlyList<string> GcModes = ["datas", "server", "workstation", "workstation-nc"];

    public string Name => Kind switch
    {
        ServerKind.Portal => "Portal",
        ServerKind.BareHub => "bare SignalR hub",
        _ => "Node.js ws",
    };

    /// <summary>Parses <c>portal:workstation</c>, <c>bare-hub:datas</c>, <c>ws</c>.</summary>
    public static ServerSetup Parse(string text)
    {
        var parts = text.Split(':');
        var kind = parts[0] switch
        {
            "portal" => ServerKind.Portal,
            "bare-hub" => ServerKind.BareHub,
            "ws" => ServerKind.NodeWs,
            _ => throw new ArgumentException($"Unknown server {parts[0]} (portal, bare-hub, ws)."),
        };
        if (kind == ServerKind.NodeWs)
            return new ServerSetup(kind, "—");
        var gc = parts.Length > 1 ? parts[1] : "datas";
        if (!GcModes.Contains(gc.Split('+')[0]) || gc.Split('+').Skip(1).Any(option => option != "conserve" && !option.StartsWith("gen0=", StringComparison.Ordinal)))
            throw new ArgumentException($"Unknown GC mode {gc} ({string.Join(", ", GcModes)}).");
        return new ServerSetup(kind, gc);
    }

    /// <summary>The environment that selects the garbage collector (it overrides the app's runtimeconfig.json).</summary>
    public void ApplyGc(ProcessStartInfo start)
    {
        if (Kind == ServerKind.NodeWs)
            return;
        var mode = Gc.Split('+')[0];
        start.Environment["DOTNET_gcServer"] = mode is "datas" or "server" ? "1" : "0";
        start.Environment["DOTNET_GCDynamicAdaptationMode"] = mode == "datas" ? "1" : "0";
        start.Environment["DOTNET_gcConcurrent"] = mode == "workstation-nc" ? "0" : "1";
        if (Gen0Megabytes(Gc) is { } megabytes)
            start.Environment["DOTNET_GCgen0size"] = (megabytes * 1024 * 1024).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        if (Gc.Contains("+conserve", StringComparison.Ordinal))
            start.Environment["DOTNET_GCConserveMemory"] = "7";
    }

    private static int? Gen0Megabytes(string gc) =>
        gc.Split('+').FirstOrDefault(option => option.StartsWith("gen0=", StringComparison.Ordinal)) is { } cap
        && int.TryParse(cap["gen0=".Length..], System.Globalization.CultureInfo.InvariantCulture, out var megabytes) && megabytes > 0
            ? megabytes
            : null;
}
