using System.Net.Http.Json;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Console;

/// <summary>
/// The whole loop in real Chromium: a customer on /demo writes in the widget, an agent in /console sees it
/// without reloading and answers, the customer sees the answer, and nothing is lost or doubled on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveChatBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_customer_and_an_agent_chat_live_and_the_customer_keeps_the_conversation_after_a_reload()
    {
        var question = $"Is the down jacket warm enough for -10°C? <b>size M</b> (#{Guid.NewGuid().ToString("N")[..6]})";
        var answer = "Yes, it is rated to -15°C. 保暖！";

        await using var customer = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var shop = await customer.NewPageAsync();
        await shop.GotoAsync(new Uri(app.BaseAddress, "/demo").ToString());
        var chat = await DemoShopChat.OpenAsync(shop);
        await DemoShopChat.SendAsync(chat, question);
        // No agent is online in this app, so the customer waits and is told where they stand.
        var queueBanner = chat.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("in line") });
        await Assertions.Expect(queueBanner).ToBeVisibleAsync(Soon);

        await using var agentContext = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 860 } });
        var console = await agentContext.OpenConsoleAsync(app, PortalAppFactory.Agent1Email, PortalAppFactory.AgentPassword);
        var item = console.Locator(".console-item", new() { HasText = question[..30] });
        await Assertions.Expect(item).ToBeVisibleAsync(Soon);
        await item.ClickAsync();
        await Assertions.Expect(console.GetByTestId("messages").GetByText(question)).ToBeVisibleAsync(Soon);

        var replyBox = console.Locator("[data-testid=reply-box][data-enter-sends=true]");
        await replyBox.FillAsync(answer);
        await replyBox.PressAsync("Enter");
        await Assertions.Expect(chat.GetByRole(AriaRole.Log).GetByText(answer)).ToBeVisibleAsync(Soon);
        await Assertions.Expect(queueBanner).ToBeHiddenAsync();

        // The customer's HTML stays text in both places: no <b> element was made from it.
        Assert.Equal(0, await console.GetByTestId("messages").Locator("b").CountAsync());
        Assert.Equal(0, await chat.GetByRole(AriaRole.Log).Locator("b").CountAsync());

        await console.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("console.png") });
        await shop.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("widget.png") });

        await shop.ReloadAsync();
        chat = await DemoShopChat.OpenAsync(shop);
        await Assertions.Expect(chat.GetByRole(AriaRole.Log).GetByText(question)).ToBeVisibleAsync(Soon);
        await Assertions.Expect(chat.GetByRole(AriaRole.Log).GetByText(answer)).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task A_message_sent_while_the_hub_is_unreachable_is_delivered_exactly_once_when_it_returns()
    {
        var outage = new Outage();
        await using var customer = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        // Every widget hub connection goes through this route, so the test can cut the hub off like a network would.
        await customer.RouteWebSocketAsync("**/hubs/widget**", ws =>
        {
            if (outage.Active)
            {
                ws.CloseAsync(new() { Code = 1011, Reason = "unreachable" });
                return;
            }
            ws.ConnectToServer();
            outage.Track(ws);
        });

        var shop = await customer.NewPageAsync();
        await shop.GotoAsync(new Uri(app.BaseAddress, "/demo").ToString());
        var chat = await DemoShopChat.OpenAsync(shop);
        await DemoShopChat.SendAsync(chat, "First message, before the outage");
        var conversationId = await ConversationIdAsync(shop);

        await outage.BeginAsync();
        var offlineText = $"Written while offline {Guid.NewGuid():N}";
        await DemoShopChat.SendAsync(chat, offlineText, waitForDelivery: false);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await CountInConversationAsync(conversationId, offlineText));

        outage.End();
        await WaitUntilAsync(async () => await CountInConversationAsync(conversationId, offlineText) > 0, TimeSpan.FromSeconds(30));
        // Give any duplicate resend time to arrive before counting.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await CountInConversationAsync(conversationId, offlineText));
        await Assertions.Expect(chat.GetByRole(AriaRole.Log).GetByText(offlineText)).ToHaveCountAsync(1);
    }

    /// <summary>The visitor's conversation, as the shop's page sees it through the SDK.</summary>
    private static async Task<Guid> ConversationIdAsync(IPage shop) =>
        Guid.Parse(await shop.EvaluateAsync<string>("async () => (await window.PortalChat.history())[0].conversationId"));

    private async Task<int> CountInConversationAsync(Guid conversationId, string text)
    {
        using var api = await app.CreateApiClientAsync();
        var messages = await api.GetFromJsonAsync<List<MessageRow>>($"/api/v1/conversations/{conversationId}/messages", Json.Options);
        return messages!.Count(m => m.Text == text);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not done within {timeout.TotalSeconds} s.");
            await Task.Delay(250);
        }
    }

    private sealed record MessageRow(Guid Id, long Seq, string Text);

    /// <summary>Cuts the widget's hub connections and refuses new ones until it ends.</summary>
    private sealed class Outage
    {
        private readonly List<IWebSocketRoute> _open = [];
        public bool Active { get; private set; }

        public void Track(IWebSocketRoute ws)
        {
            lock (_open) _open.Add(ws);
        }

        public async Task BeginAsync()
        {
            Active = true;
            IWebSocketRoute[] open;
            lock (_open) { open = [.. _open]; _open.Clear(); }
            foreach (var ws in open)
                await ws.CloseAsync(new() { Code = 1011, Reason = "unreachable" });
        }

        public void End() => Active = false;
    }
}
