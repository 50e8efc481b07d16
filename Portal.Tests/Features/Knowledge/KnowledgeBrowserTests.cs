using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Knowledge;

/// <summary>An admin writes a FAQ article at /admin/knowledge and checks, in Traditional Chinese, that the bot finds it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KnowledgeBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_admin_writes_an_article_and_the_try_a_question_box_shows_the_bot_finds_it()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/admin/knowledge").ToString());
        await page.SubmitSignInAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        await Assertions.Expect(page.Locator(".knowledge-page[data-live=true]")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(page.GetByTestId("knowledge-table").GetByText("7 天无理由退货", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New article" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog.GetByText("The title is required.")).ToBeVisibleAsync();
        await dialog.GetByTestId("article-title").FillAsync("礼品包装怎么收费");
        await dialog.GetByTestId("article-body").FillAsync("结算时勾选“礼品包装”，每件 10 元，附赠手写贺卡。");
        await dialog.GetByTestId("article-keywords").FillAsync("礼盒 送礼 包装");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("knowledge-table").GetByText("礼品包装怎么收费", new() { Exact = true })).ToBeVisibleAsync(Soon);

        var tryBox = page.GetByTestId("knowledge-try");
        await tryBox.GetByTestId("knowledge-question").FillAsync("禮品包裝要錢嗎？");
        await tryBox.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        var best = tryBox.GetByTestId("knowledge-hit").First;
        await Assertions.Expect(best).ToContainTextAsync("礼品包装怎么收费", new() { Timeout = 15_000 });
        await Assertions.Expect(best).ToContainTextAsync("每件 10 元");

        await tryBox.GetByTestId("knowledge-question").FillAsync("qwerty asdf");
        await tryBox.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Assertions.Expect(tryBox.GetByTestId("knowledge-no-hits")).ToBeVisibleAsync(Soon);
    }
}
