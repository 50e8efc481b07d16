using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>With <c>Portal:Telemetry:OtlpEndpoint</c> set, message traces also go to an OpenTelemetry collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task A_messages_spans_reach_the_configured_OTLP_collector()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var app = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:Telemetry:OtlpEndpoint"] = collector.TracesEndpoint,
            ["Portal:Telemetry:OtlpProtocol"] = "HttpProtobuf",
            // The SDK's batch delay (OTEL_BSP_SCHEDULE_DELAY, 5 s by default), short so the test need not wait.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            // A loaded test machine can take longer than the 10 s default to take an export.
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "60000",
        });
        try
        {
            var session = await app.StartWidgetSessionAsync();
            await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);
            var message = await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), "Is the OTLP path working?");

            Assert.True(await collector.ReceivesAsync(TimeSpan.FromSeconds(60), "Portal.Messages", "hub.send", "db.insert", message.Id.ToString()),
                "no export to the collector carried the message's hub.send and db.insert spans");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
