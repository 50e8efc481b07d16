// Portal's connection-density benchmark (issue #6): the server memory one idle widget connection costs, with Portal,
// a bare ASP.NET Core SignalR hub and a Node.js `ws` server measured side by side in one session, under each GC mode.
//   dotnet build -c Release Portal && (cd tools/Portal.Density/node && npm ci)
//   dotnet run -c Release --project tools/Portal.Density -- run --connections 18000 \
//       --servers portal:datas,portal:workstation,bare-hub:datas,bare-hub:workstation,ws --json density.json
// Options: --connections N, --warmup N (1000: the connections opened before the warm reading), --servers LIST,
// --settle SECONDS (30), --scratch DIR, --json PATH.
// The servers run as their own processes; this one holds the client side (one process may hold 20,000 open files here).
using System.Globalization;
using System.Text.Json;
using Portal.Density;
using Portal.LoadGen;

if (args is ["bare-hub", var port])
{
    await BareHub.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
    return 0;
}
if (args.Length == 0 || args[0] != "run")
{
    Console.Error.WriteLine("usage: Portal.Density run [--connections N] [--servers portal:datas,bare-hub:workstation,ws,…] [--settle S] [--scratch DIR] [--json PATH]");
    return 2;
}

var options = args.Skip(1).Chunk(2).ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : throw new ArgumentException($"{pair[0]} needs a value."));
var connections = int.Parse(options.GetValueOrDefault("--connections", "18000"), CultureInfo.InvariantCulture);
var setups = options.GetValueOrDefault("--servers", "portal:datas,bare-hub:datas,ws").Split(',').Select(ServerSetup.Parse).ToList();
var warmup = int.Parse(options.GetValueOrDefault("--warmup", "1000"), CultureInfo.InvariantCulture);
if (warmup < 0 || warmup >= connections)
    throw new ArgumentException("--warmup must be at least 0 and fewer than --connections.");
var settle = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--settle", "30"), CultureInfo.InvariantCulture));
var workspace = new Workspace(options.GetValueOrDefault("--scratch", Path.Combine(Path.GetTempPath(), "portal-density")));

void Log(string line) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var seed = setups.Any(s => s.Kind == ServerKind.Portal) ? await PortalSeed.PrepareAsync(workspace, Log, stop.Token) : null;
var results = new List<DensityResult>();
var run = new DensityRun(workspace, Log);
for (var i = 0; i < setups.Count; i++)
{
    // Each run leaves from its own loopback addresses: the previous run's ports linger in TIME_WAIT for a minute.
    using var addresses = new SourceAddresses(count: 4, first: 2 + 4 * i);
    var data = setups[i].Kind == ServerKind.Portal ? PortalSeed.CopyFor(workspace, seed!, i) : null;
    results.Add(await run.RunAsync(setups[i], connections, warmup, settle, addresses, data, stop.Token));
}

Console.WriteLine();
Console.WriteLine($"| server | GC | connections held | failed | idle MB | MB with {warmup} | held MB | KB per connection from idle | KB per connection after {warmup} | connect s |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
    Console.WriteLine($"| {r.Server} | {r.Gc} | {r.Connections} | {r.Failed} | {r.BaselineMegabytes} | {r.WarmMegabytes} | {r.HeldMegabytes} | {r.KilobytesPerConnection} | {r.MarginalKilobytesPerConnection} | {r.ConnectSeconds} |");
if (options.TryGetValue("--json", out var json))
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
return results.All(r => r.Failed == 0) ? 0 : 1;
