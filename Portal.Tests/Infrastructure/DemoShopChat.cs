using Microsoft.Playwright;

namespace Portal.Tests.Infrastructure;

/// <summary>The widget on the /demo shop page, used the way a customer does.</summary>
public static class DemoShopChat
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    /// <summary>
    /// Clicks the launcher and returns the chat frame once its text box is usable; the labels are the widget's in the
    /// browser's language (zh-TW: 開啟線上客服, 線上客服視窗).
    /// </summary>
    public static async Task<IFrameLocator> OpenAsync(IPage shop, string openLabel = "Open chat", string frameTitle = "Chat window")
    {
        await shop.GetByRole(AriaRole.Button, new() { Name = openLabel }).ClickAsync(new() { Timeout = 15_000 });
        var chat = shop.FrameLocator($"iframe[title='{frameTitle}']");
        await Assertions.Expect(chat.GetByRole(AriaRole.Textbox)).ToBeEnabledAsync(new() { Timeout = 15_000 });
        return chat;
    }

    /// <summary>Types and sends a message; waits until the server has stored it unless told not to.</summary>
    public static async Task SendAsync(IFrameLocator chat, string text, bool waitForDelivery = true)
    {
        var input = chat.GetByRole(AriaRole.Textbox);
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Assertions.Expect(chat.GetByRole(AriaRole.Log).GetByText(text)).ToBeVisibleAsync(Soon);
        if (waitForDelivery)
            await Assertions.Expect(chat.Locator(".pending .msg")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }
}
