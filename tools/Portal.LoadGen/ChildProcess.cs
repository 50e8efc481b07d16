using System.Diagnostics;
using System.Threading.Channels;

namespace Portal.LoadGen;

/// <summary>
/// This program started again in another role (<c>--role</c>) for a part of the run: each line it writes on its standard
/// output goes to <c>onLine</c> as (first word, rest); commands go to its standard input; the end of its input tells it to
/// disconnect and exit. A part of a run lives in a process of its own so that another process's GC pauses do not reach
/// into what it times (<see cref="AgentProcess"/>).
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Task _reading;

    private ChildProcess(Process process, Action<string, string> onLine)
    {
        _process = process;
        _reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var space = line.IndexOf(' ');
                onLine(space < 0 ? line : line[..space], space < 0 ? "" : line[(space + 1)..]);
            }
        });
    }

    /// <summary>Completes when the child's output ends (it exited).</summary>
    public Task Ended => _reading;

    public static ChildProcess Start(LoadRole role, IEnumerable<string> arguments, Action<string, string> onLine)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--role");
        start.ArgumentList.Add(role.ToString());
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"The {role} process did not start."), onLine);
    }

    public async Task SendAsync(string command)
    {
        await _writing.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writing.WaitAsync();
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception) when (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _reading;
        _process.Dispose();
    }

    /// <summary>The <c>dotnet</c> host running this program (or the one <c>dotnet test</c> names), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}

/// <summary>
/// A child's half of the line protocol: one line per event on standard output. Lines are queued and written by a task
/// of their own: written where they happen, a reader that fell behind (its pipe full) stalled the agents' SignalR
/// callbacks, and every arrival after them was timed late (a 250 ms gap in one run).
/// </summary>
public sealed class ChildReport : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;

    private ChildReport(TextWriter output) => _writing = Task.Run(() => WriteAsync(output));

    /// <summary>Lines to this process's standard output, flushed whenever the queue runs empty.</summary>
    public static ChildReport ToStandardOutput() => new(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false });

    public void Write(string line) => _lines.Writer.TryWrite(line.ReplaceLineEndings(" "));

    /// <summary>Writes what is queued and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writing;
    }

    private async Task WriteAsync(TextWriter output)
    {
        while (await _lines.Reader.WaitToReadAsync())
        {
            while (_lines.Reader.TryRead(out var line))
                await output.WriteLineAsync(line);
            await output.FlushAsync();
        }
    }
}
