using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Dialogue;

/// <summary>The bot as a shopper on /demo and an agent in /console meet it, in real Chromium.</summary>
[Collection(BotCollection.Name)]
public sealed class BotBrowserTests(BotPortalApp fixture, ChromiumBrowser chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };
    private readonly PortalAppFactory _app = fixture.App;

    [Fact]
    public async Task A_shopper_asking_about_an_order_in_Traditional_Chinese_gets_its_status_and_the_agent_sees_the_handover_summary()
    {
        await using var customer = await chromium.Browser.NewContextAsync(new() { Locale = "zh-TW", ViewportSize = new() { Width = 1280, Height = 800 } });
        var shop = await customer.NewPageAsync();
        await shop.GotoAsync(new Uri(_app.BaseAddress, "/demo").ToString());
        var chat = await DemoShopChat.OpenAsync(shop, "開啟線上客服", "線上客服視窗");

        await DemoShopChat.SendAsync(chat, "你好，我的訂單 1003 什麼時候出貨？");
        var log = chat.GetByRole(AriaRole.Log);
        await Assertions.Expect(log.GetByText("訂單 1003（羽絨服 Down jacket）的狀態：待付款", new() { Exact = false })).ToBeVisibleAsync(Soon);

        await DemoShopChat.SendAsync(chat, "我要轉人工");
        await Assertions.Expect(log.GetByText("馬上為您轉接人工客服", new() { Exact = false })).ToBeVisibleAsync(Soon);
        await shop.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("widget-bot.png") });

        await using var agentContext = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 860 } });
        var console = await agentContext.OpenConsoleAsync(_app, PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        var conversationId = await shop.EvaluateAsync<string>("async () => (await window.PortalChat.history())[0].conversationId");
        var item = console.Locator($"[data-conversation='{conversationId}']");
        await Assertions.Expect(item).ToBeVisibleAsync(Soon);
        await item.ClickAsync();
        var summary = console.GetByTestId("handover-summary");
        await Assertions.Expect(summary).ToContainTextAsync("asked for a person", new() { Timeout = 15_000 });
        await Assertions.Expect(summary).ToContainTextAsync("order 1003");
        await Assertions.Expect(console.GetByTestId("messages").GetByText("待付款", new() { Exact = false })).ToBeVisibleAsync(Soon);
        await console.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("console-handover.png") });

        var header = console.Locator(".console-thread-head");
        await header.GetByRole(AriaRole.Button, new() { Name = "Hand back to bot" }).ClickAsync();
        await Assertions.Expect(header).ToContainTextAsync("The bot is answering", new() { Timeout = 15_000 });
        await header.GetByRole(AriaRole.Button, new() { Name = "Take over from bot" }).ClickAsync();
        await Assertions.Expect(header).ToContainTextAsync("Assigned to", new() { Timeout = 15_000 });
        await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Hand back to bot" })).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task An_admin_sees_how_the_bot_reads_a_message_and_switches_it_off_and_on_for_a_site()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.OpenConsoleAsync(_app, PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bot", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bot", Exact = true })).ToBeVisibleAsync(Soon);

        await page.GetByLabel("What a shopper might write").FillAsync("我的訂單 1002 到哪了？");
        await page.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
        var tried = page.GetByTestId("bot-try");
        await Assertions.Expect(tried).ToContainTextAsync("order_status", new() { Timeout = 15_000 });
        await Assertions.Expect(tried).ToContainTextAsync("order 1002");
        await Assertions.Expect(tried).ToContainTextAsync("我的订单");
        await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("bot-admin.png") });

        var demoSwitch = page.GetByLabel("Bot answers first on Demo Shop");
        await demoSwitch.UncheckAsync();
        await Assertions.Expect(page.GetByText("People answer Demo Shop", new() { Exact = false })).ToBeVisibleAsync(Soon);
        await demoSwitch.CheckAsync();
        await Assertions.Expect(page.GetByText("The bot answers Demo Shop first.")).ToBeVisibleAsync(Soon);
    }
}
