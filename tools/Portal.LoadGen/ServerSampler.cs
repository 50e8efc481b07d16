using System.Globalization;

namespace Portal.LoadGen;

/// <summary>One reading of the server processes: resident memory and CPU since the previous reading, summed over the pids.</summary>
public sealed record ServerSample(double AtSeconds, double ResidentMegabytes, double CpuPercent, long OpenConnections);

/// <summary>Reads the server processes' memory and CPU from /proc every second (Linux, local pids).</summary>
public sealed class ServerSampler(IReadOnlyList<int> pids, LoadCounters counters)
{
    private static readonly double ClockTicksPerSecond = 100;
    private readonly List<ServerSample> _samples = [];

    public IReadOnlyList<ServerSample> Samples
    {
        get { lock (_samples) return _samples.ToList(); }
    }

    /// <summary>Resident memory of the server processes now, in bytes (0 without pids).</summary>
    public long ResidentBytes() => pids.Sum(ResidentBytesOf);

    public async Task RunAsync(DateTime started, CancellationToken ct)
    {
        if (pids.Count == 0)
            return;
        var lastTicks = pids.Sum(CpuTicksOf);
        var lastAt = DateTime.UtcNow;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var (ticks, at) = (pids.Sum(CpuTicksOf), DateTime.UtcNow);
                var cpu = (ticks - lastTicks) / ClockTicksPerSecond / (at - lastAt).TotalSeconds * 100;
                (lastTicks, lastAt) = (ticks, at);
                lock (_samples)
                    _samples.Add(new ServerSample(Math.Round((at - started).TotalSeconds, 1), Math.Round(ResidentBytes() / 1048576.0, 1), Math.Round(cpu, 1), counters.Open));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>Resident memory (VmRSS) of one local process, in bytes.</summary>
    public static long ResidentBytesOf(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>User + system CPU time of the process in clock ticks (fields 14 and 15 of /proc/pid/stat, after the command).</summary>
    private static long CpuTicksOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
