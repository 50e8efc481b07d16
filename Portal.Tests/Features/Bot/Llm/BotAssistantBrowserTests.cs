using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Llm;

[Collection(BrowserCollection.Name)]
public sealed class BotAssistantBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    [Fact]
    public async Task An_admin_fills_in_an_llm_saves_it_and_the_connection_test_says_it_answers()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.RequiredApiKey = $"sk-{Guid.NewGuid():N}";
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/admin/bot/assistant").ToString());
        await page.SubmitSignInAsync(PortalAppFactory.AdminEmail, PortalAppFactory.AdminPassword);
        await page.WaitForAddressAsync("/admin/bot/assistant$");
        await Assertions.Expect(page.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("llm-explainer")).ToContainTextAsync("embedded offline bot");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ollama" }).ClickAsync();
        await Assertions.Expect(Input(page, "llm-base-url")).ToHaveValueAsync("http://localhost:11434/v1");
        await Input(page, "llm-base-url").FillAsync(llm.BaseUrl);
        await Input(page, "llm-model").FillAsync(FakeOpenAiServer.ModelName);
        await Input(page, "llm-api-key").FillAsync(llm.RequiredApiKey);
        await page.GetByTestId("llm-save").ClickAsync();

        await Assertions.Expect(page.GetByText("Bot assistant settings saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("llm-key-stored")).ToContainTextAsync("An API key is stored.");
        await page.GetByTestId("llm-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("llm-test-result")).ToContainTextAsync($"Connected: {FakeOpenAiServer.ModelName} answered in");
        Assert.Equal($"Bearer {llm.RequiredApiKey}", llm.Requests.Single().Authorization);
        await page.ReloadAsync();
        await Assertions.Expect(Input(page, "llm-base-url")).ToHaveValueAsync(llm.BaseUrl);
        Assert.DoesNotContain(llm.RequiredApiKey, await page.ContentAsync());
    }

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input");
}
