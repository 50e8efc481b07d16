using System.Globalization;

namespace Portal.LoadGen;

/// <summary>What one load-generator process does; every option is a <c>--name value</c> argument.</summary>
public sealed record LoadOptions
{
    /// <summary>The Portal (or the proxy in front of several) to load.</summary>
    public Uri Url { get; init; } = new("http://localhost:5080");
    public string SiteKey { get; init; } = "demo-shop";

    /// <summary>Customers who open the widget over the ramp and stay connected until the end.</summary>
    public int Customers { get; init; } = 200;

    /// <summary>Of the customers, how many chat; the others only keep the widget open (most visitors do).</summary>
    public int Chatting { get; init; } = 20;

    /// <summary>Customer messages per second across all chatting customers once they are all connected.</summary>
    public double MessagesPerSecond { get; init; } = 10;

    /// <summary>Time over which customers arrive (evenly, in random order).</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time everyone stays connected and the chatting customers chat, after the ramp.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the customers' sends go through <see cref="SendPacer"/> (the default): no burst from this process's own
    /// pauses. Off (<c>--pacing off</c>) for comparison.
    /// </summary>
    public bool Paced { get; init; } = true;

    /// <summary>Agents as <c>email:password</c>; they receive every message they may see and answer some of them.</summary>
    public IReadOnlyList<(string Email, string Password)> Agents { get; init; } = [("admin@portal.local", "")];

    /// <summary>Share of customer messages an agent answers (after a think time of 1–5 s).</summary>
    public double ReplyShare { get; init; } = 0.3;

    /// <summary>
    /// Loopback source addresses to spread connections over (127.0.0.{first}…), past one address's ~28k ephemeral ports;
    /// 0 uses the default route. Several load-generator processes take different ranges.
    /// </summary>
    public int SourceAddresses { get; init; }
    public int FirstSourceAddress { get; init; } = 2;

    /// <summary>Server processes whose memory and CPU are sampled every second (local pids).</summary>
    public IReadOnlyList<int> ServerPids { get; init; } = [];

    /// <summary>Where the JSON report goes, if anywhere.</summary>
    public string? JsonPath { get; init; }

    /// <summary>
    /// Where to write one line per delivered message, if anywhere: when it was sent (seconds since the run started),
    /// direction, send → arrival, send → stored, in ms; to see when in the run the slow ones were.
    /// </summary>
    public string? MessagesCsvPath { get; init; }

    /// <summary>What this process does: the whole run, or (started by a run) its agents' process.</summary>
    public LoadRole Role { get; init; } = LoadRole.Run;

    /// <summary>Time allowed after the hold for the last messages to arrive before they count as lost.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--url" => options with { Url = new Uri(value) },
                "--site" => options with { SiteKey = value },
                "--customers" => options with { Customers = Int(value) },
                "--chatting" => options with { Chatting = Int(value) },
                "--rate" => options with { MessagesPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--ramp" => options with { Ramp = Seconds(value) },
                "--hold" => options with { Hold = Seconds(value) },
                "--pacing" => options with { Paced = value switch { "on" => true, "off" => false, _ => throw new ArgumentException("--pacing is on or off.") } },
                "--drain" => options with { Drain = Seconds(value) },
                "--agents" => options with { Agents = value.Split(',').Select(Credentials).ToList() },
                "--reply-share" => options with { ReplyShare = double.Parse(value, CultureInfo.InvariantCulture) },
                "--source-addresses" => options with { SourceAddresses = Int(value) },
                "--first-source-address" => options with { FirstSourceAddress = Int(value) },
                "--server-pids" => options with { ServerPids = value.Split(',').Select(Int).ToList() },
                "--json" => options with { JsonPath = value },
                "--messages-csv" => options with { MessagesCsvPath = value },
                "--role" => options with { Role = Enum.Parse<LoadRole>(value, ignoreCase: true) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }
        if (options.Chatting > options.Customers)
            throw new ArgumentException("--chatting cannot exceed --customers.");
        return options;
    }

    /// <summary>The options the agents' process needs (<see cref="AgentProcess"/>), as arguments.</summary>
    public IEnumerable<string> AgentProcessArguments() =>
    [
        "--url", Url.ToString(),
        "--agents", string.Join(',', Agents.Select(a => $"{a.Email}:{a.Password}")),
        "--reply-share", ReplyShare.ToString(CultureInfo.InvariantCulture),
        "--source-addresses", SourceAddresses.ToString(CultureInfo.InvariantCulture),
        "--first-source-address", FirstSourceAddress.ToString(CultureInfo.InvariantCulture),
    ];

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));

    private static (string, string) Credentials(string value)
    {
        var colon = value.IndexOf(':');
        return colon < 0 ? throw new ArgumentException($"Agent {value} is not email:password.") : (value[..colon], value[(colon + 1)..]);
    }
}

public enum LoadRole
{
    /// <summary>The whole run: customers here, agents in a process of their own.</summary>
    Run,

    /// <summary>The agents' process of a run.</summary>
    Agents,
}
