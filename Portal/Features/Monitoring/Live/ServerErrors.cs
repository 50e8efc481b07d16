using System.Diagnostics.Metrics;

namespace Portal.Features.Monitoring.Live;

/// <summary>
/// Counts this app's HTTP requests and those answered with a 5xx, from ASP.NET Core's own <c>http.server.request.duration</c>
/// (the instrument behind <c>http_server_request_duration_seconds</c>), so the error rate matches what Prometheus sees.
/// </summary>
public sealed class ServerErrors : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _requests;
    private long _errors;

    public ServerErrors(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this app's meter: the tests run several apps in one process.
            if (instrument is { Name: "http.server.request.duration", Meter.Name: "Microsoft.AspNetCore.Hosting" } && instrument.Meter.Scope == meters)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Count(tags));
        _listener.Start();
    }

    public long Requests => Interlocked.Read(ref _requests);
    public long Errors => Interlocked.Read(ref _errors);

    public void Dispose() => _listener.Dispose();

    private void Count(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Increment(ref _requests);
        foreach (var tag in tags)
            if (tag is { Key: "http.response.status_code", Value: int status and >= 500 })
                Interlocked.Increment(ref _errors);
    }
}
