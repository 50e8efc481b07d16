using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>SPEC §4.7's message figures at /metrics move by exactly what happened.</summary>
[Collection(HubsCollection.Name)]
public sealed class MessageMetricsTests(PortalAppFactory app)
{
    [Fact]
    public async Task Messages_move_the_message_counter_the_delivery_histogram_and_first_response_by_exactly_as_many()
    {
        const int customerMessages = 5;
        var before = await MetricsPage.ScrapeAsync(app);
        var session = await app.StartWidgetSessionAsync();
        await using var widget = await app.ConnectWidgetAsync(session.VisitorToken);
        for (var i = 1; i <= customerMessages; i++)
            await widget.InvokeAsync<ChatMessage>("Send", Guid.NewGuid().ToString(), $"Question {i} about my parcel");
        await using var agent = await app.ConnectAgentAsync(await app.TokenForAsync(PortalAppFactory.AdminEmail));
        await agent.InvokeAsync<ChatMessage>("Reply", session.ConversationId, Guid.NewGuid().ToString(), "Hello, let me look.");
        await agent.InvokeAsync<ChatMessage>("Reply", session.ConversationId, Guid.NewGuid().ToString(), "It left the warehouse today.");

        var after = await MetricsPage.WaitForAsync(app, page =>
            Delta(page, before, "portal_message_delivery_seconds_count") >= Delta(page, before, "portal_messages_total")
            && Delta(page, before, "portal_first_response_seconds_count") >= 1);

        Assert.Equal(customerMessages, Delta(after, before, "portal_messages_total", ("author", "customer"), ("channel", "web")));
        Assert.Equal(2, Delta(after, before, "portal_messages_total", ("author", "agent"), ("channel", "web")));
        Assert.Equal(Delta(after, before, "portal_messages_total"), Delta(after, before, "portal_message_delivery_seconds_count"));
        // Only the first answer is a first response, measured from the customer's first message.
        Assert.Equal(1, Delta(after, before, "portal_first_response_seconds_count", ("channel", "web")));
        Assert.InRange(Delta(after, before, "portal_first_response_seconds_sum"), 0, 60);
        Assert.True(after.Sum("portal_connections_active", ("kind", "widget")) >= 1);
        Assert.True(after.Sum("portal_connections_active", ("kind", "agent")) >= 1);
    }

    private static double Delta(PrometheusText after, PrometheusText before, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
