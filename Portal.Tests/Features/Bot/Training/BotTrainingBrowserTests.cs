using Microsoft.Playwright;
using Portal.Features.Bot;
using Portal.Features.Bot.Annotation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Training;

/// <summary>A supervisor finds what a customer said on the annotation page and labels it with the right intent.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BotTrainingBrowserTests(PortalAppFactory app, ChromiumBrowser chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_supervisor_labels_a_customer_message_on_the_annotation_page()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        var text = $"{tag} 我要投訴你們的快遞員";
        var ids = await app.RecordUtterancesAsync(text);
        // Another message, so the list visibly narrows once the search has been applied (a reload clears the selection).
        await app.RecordUtterancesAsync($"t{Guid.NewGuid():N} 你好");
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/admin/bot/training").ToString());
        await page.SubmitSignInAsync("supervisor@portal.local", PortalAppFactory.AgentPassword);
        await page.WaitForAddressAsync("/admin/bot/training$");
        await Assertions.Expect(page.Locator("[data-testid=training-status][data-live=true]")).ToBeVisibleAsync(Soon);
        await page.GetByTestId("utterance-search").FillAsync(tag);
        var rows = page.GetByTestId("utterances").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await rows.First.Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(page.GetByText("1 selected")).ToBeVisibleAsync(Soon);
        await page.GetByTestId("label-intent").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(Intents.Complaint, new() { Exact = true }).ClickAsync();
        await page.GetByTestId("label-selected").ClickAsync();

        // Labelled utterances leave the default "unlabelled" view and count for their intent.
        await Assertions.Expect(rows.Filter(new() { HasText = tag })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("labelled-counts")).ToContainTextAsync($"{Intents.Complaint}: 1");
        using var api = await app.CreateApiClientAsync();
        var labelled = await api.GetAsync<UtterancePage>($"/api/v1/bot/utterances?state=labelled&q={tag}");
        Assert.Equal(ids, labelled.Items.Select(u => u.Id));
        Assert.Equal(Intents.Complaint, labelled.Items[0].Label);
        Assert.Contains($"{text},complaint,zh-Hant,train", await api.GetStringAsync("/api/v1/bot/dataset.csv?scope=custom"));
    }
}
