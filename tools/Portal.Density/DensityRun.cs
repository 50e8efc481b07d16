using System.Diagnostics;
using Portal.LoadGen;

namespace Portal.Density;

/// <summary>What one server held and what it cost.</summary>
/// <remarks>
/// Two readings of the cost of one connection: from the idle server (<see cref="KilobytesPerConnection"/>, which also
/// carries what the first connections make the process load, compile and cache once), and from the warmed server
/// holding the first <see cref="WarmConnections"/> (<see cref="MarginalKilobytesPerConnection"/>: what each further
/// connection adds, the number that sizes a box).
/// </remarks>
public sealed record DensityResult(string Server, string Gc, int Connections, int Failed, double BaselineMegabytes, int WarmConnections, double WarmMegabytes, double HeldMegabytes, double ConnectSeconds)
{
    public double KilobytesPerConnection => Connections == 0 ? 0 : Math.Round((HeldMegabytes - BaselineMegabytes) * 1024 / Connections, 1);

    public double MarginalKilobytesPerConnection => Connections <= WarmConnections ? 0 : Math.Round((HeldMegabytes - WarmMegabytes) * 1024 / (Connections - WarmConnections), 1);
}

/// <summary>
/// One measurement: start the server, let it settle, read its resident memory, open the idle connections, let it settle
/// again (past a keep-alive round), read it again; the difference over the connections held is the cost of one.
/// </summary>
public sealed class DensityRun(Workspace workspace, Action<string> log)
{
    private static readonly TimeSpan ReadingGap = TimeSpan.FromSeconds(1);

    public async Task<DensityResult> RunAsync(ServerSetup setup, int connections, int warmup, TimeSpan settle, SourceAddresses addresses, string? portalData, CancellationToken ct)
    {
        var port = FreePort();
        using var server = await ServerProcess.StartAsync(setup, workspace, port, portalData, ct);
        // Portal releases its start-up garbage 15 s after it starts (MemoryRelease); measure after that.
        await Task.Delay(setup.Kind == ServerKind.Portal ? TimeSpan.FromSeconds(25) : TimeSpan.FromSeconds(5), ct);
        var baseline = await MedianResidentAsync(server, ct);
        log($"{setup.Name} ({setup.Gc}) on :{port}, pid {server.Pid}: {Megabytes(baseline)} MB idle; opening {connections} connections");

        await using var clients = new IdleClients(setup.Kind, port, addresses);
        var clock = Stopwatch.StartNew();
        await clients.ConnectAsync(warmup, ct);
        await Task.Delay(settle, ct);
        var warm = await MedianResidentAsync(server, ct);
        var warmOpen = clients.Open;
        log($"  {Megabytes(warm)} MB with the first {warmOpen} open; opening the rest");
        await clients.ConnectAsync(connections - warmup, ct);
        var connectSeconds = clock.Elapsed.TotalSeconds - settle.TotalSeconds - ReadingGap.TotalSeconds * 5;
        log($"  {clients.Open} open ({clients.Failed} failed) after {connectSeconds:F1} s; settling {settle.TotalSeconds} s");
        await Task.Delay(settle, ct);
        var held = await MedianResidentAsync(server, ct);
        var result = new DensityResult(setup.Name, setup.Gc, clients.Open, clients.Failed, Megabytes(baseline), warmOpen, Megabytes(warm), Megabytes(held), Math.Round(connectSeconds, 1));
        log($"  {result.HeldMegabytes} MB with {result.Connections} open: {result.KilobytesPerConnection} KB per connection from idle, {result.MarginalKilobytesPerConnection} KB each after the first {warmOpen}");
        // The server goes first: closing thousands of connections one by one would take longer than the run.
        server.Dispose();
        return result;
    }

    private static async Task<long> MedianResidentAsync(ServerProcess server, CancellationToken ct)
    {
        var readings = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            readings.Add(server.ResidentBytes());
            await Task.Delay(ReadingGap, ct);
        }
        return readings.Order().ElementAt(readings.Count / 2);
    }

    private static double Megabytes(long bytes) => Math.Round(bytes / 1048576.0, 1);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
