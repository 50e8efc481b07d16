using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Infrastructure;

/// <summary>A small HTTP server on a free loopback port, for what Portal talks to in tests: an LLM, a webhook receiver, a collector.</summary>
public static class LoopbackHttpServer
{
    /// <summary>Starts a Kestrel app with the endpoints <paramref name="map"/> adds; returns it and its root address (http://127.0.0.1:port).</summary>
    public static async Task<(WebApplication App, string Root)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return (app, root);
    }
}
