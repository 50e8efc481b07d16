using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Monitoring;

/// <summary>A supervisor looking at how one message went through the app, from the console and from /admin/traces.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TracesBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task The_trace_button_on_a_console_message_and_the_traces_page_show_the_messages_timeline()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 900 } });
        var console = await context.OpenConsoleAsync(app, PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        var question = $"Can I pay by invoice? (#{Guid.NewGuid().ToString("N")[..6]})";
        var conversation = await app.StartConversationAsync(question);

        await console.Locator(".console-item", new() { HasText = question }).ClickAsync();
        var bubble = console.GetByTestId("messages").Locator(".console-bubble", new() { HasText = question });
        await bubble.GetByTestId("message-trace").ClickAsync();

        var dialog = console.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.Locator("[data-span='db.insert']")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(dialog.GetByTestId("trace-summary")).ToContainTextAsync("hub.send");
        // This console was open when the message came in, so its own delivery is part of the path.
        await Assertions.Expect(dialog.Locator("[data-span='deliver']", new() { HasText = "deliver console" })).ToBeVisibleAsync(Soon);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // A reply written in the console is traced from the console.
        var answer = "Yes, invoices are fine for orders over ¥500.";
        var replyBox = console.Locator("[data-testid=reply-box][data-enter-sends=true]");
        await replyBox.FillAsync(answer);
        await replyBox.PressAsync("Enter");
        await console.GetByTestId("messages").Locator(".console-bubble", new() { HasText = answer }).GetByTestId("message-trace").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("trace-summary")).ToContainTextAsync("console.reply");
        await Assertions.Expect(dialog.Locator("[data-span='db.insert']")).ToBeVisibleAsync(Soon);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        var traces = await context.NewPageAsync();
        await traces.GotoAsync(new Uri(app.BaseAddress, "/admin/traces").ToString());
        await Assertions.Expect(traces.Locator(".traces-page[data-live=true]")).ToBeVisibleAsync(Soon);
        await traces.GetByLabel("Conversation id").FillAsync(conversation.Id.ToString());
        // This conversation's two messages, newest first: the console's reply, then the customer's question.
        var rows = traces.GetByTestId("traces-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("console.reply");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("hub.send");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(conversation.Id.ToString());
        await rows.Nth(1).ClickAsync();
        await Assertions.Expect(traces.GetByTestId("trace-timeline").Locator("[data-span='db.insert']")).ToBeVisibleAsync(Soon);
        await traces.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("traces.png") });
    }
}
