using Microsoft.AspNetCore.SignalR;

namespace Portal.Density;

/// <summary>
/// The .NET baseline: an ASP.NET Core app with one SignalR hub and nothing else (default builder, no authentication,
/// no middleware), so the benchmark shows what Portal adds on top of SignalR itself.
/// </summary>
public static class BareHub
{
    public static Task RunAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<EchoHub>("/hub");
        return app.RunAsync();
    }

    private sealed class EchoHub : Hub
    {
        public string Echo(string text) => text;
    }
}
