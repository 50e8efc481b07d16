// Portal's load generator (issue #6): simulated shoppers on /hubs/widget and agents on /hubs/agent, with realistic
// arrivals, think times and message lengths; reports connections held, messages/s, delivery latency (HdrHistogram),
// errors, lost or duplicated messages (every seq checked) and the server's memory and CPU.
//   dotnet run -c Release --project tools/Portal.LoadGen -- --url http://127.0.0.1:5080 --customers 2000 --chatting 400 \
//       --rate 200 --ramp 20 --hold 60 --agents admin@portal.local:PASSWORD --source-addresses 4 --server-pids 1234 --json run.json
// Options: see LoadOptions. Exit code 0 when the run was clean (no errors, nothing lost or duplicated), 1 otherwise.
using Portal.LoadGen;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
if (options.Role == LoadRole.Agents)
    return await AgentProcess.ServeAsync(options);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var report = await new LoadRun(options, line => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}")).RunAsync(stop.Token);
Console.WriteLine(report.ToTable());
if (options.JsonPath is not null)
    await File.WriteAllTextAsync(options.JsonPath, report.ToJson());
return report.Clean ? 0 : 1;
