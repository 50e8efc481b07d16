using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Knowledge;

[Collection(ApiCollection.Name)]
public sealed class KnowledgeApiTests(PortalAppFactory app)
{
    private const string Api = "/api/v1/knowledge";
    private const string Supervisor = "supervisor@portal.local";

    [Fact]
    public async Task An_article_written_through_the_api_is_found_at_once_changed_and_gone_after_its_deletion_each_step_audited()
    {
        using var admin = await app.CreateApiClientAsync(Supervisor);
        var site = await admin.DemoSiteIdAsync();
        var marker = Marker();

        using var created = await admin.PostJsonAsync(Api, new
        {
            siteId = site, title = $"礼品包装 {marker}", body = "结算时勾选“礼品包装”，每件 10 元，附赠贺卡。", locale = "zh-Hans",
            keywords = "包装 礼盒 送礼", intent = "product_info",
        });
        var article = await created.ReadAsync<ArticleView>();
        Assert.True(article.Published);
        var found = await SearchAsync(admin, site, "禮品包裝要多少錢？", "zh-TW");
        Assert.Equal(article.Id, found[0].ArticleId);
        Assert.Equal("product_info", found[0].Intent);

        using var changed = await admin.PutAsJsonAsync($"{Api}/{article.Id}", new
        {
            siteId = site, title = $"Gift wrapping {marker}", body = "Tick gift wrapping at checkout: ¥10 an item, with a card.", locale = "en",
        }, Json.Options);
        Assert.Equal("en", (await changed.ReadAsync<ArticleView>()).Locale);
        Assert.Contains(await SearchAsync(admin, site, "gift wrapping", "en"), h => h.ArticleId == article.Id);
        Assert.DoesNotContain(await SearchAsync(admin, site, "礼品包装", "zh-Hans"), h => h.ArticleId == article.Id);

        using var deleted = await admin.DeleteAsync($"{Api}/{article.Id}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain(await SearchAsync(admin, site, "gift wrapping", "en"), h => h.ArticleId == article.Id);
        using var gone = await admin.GetAsync($"{Api}/{article.Id}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);

        var audit = (await admin.GetAsync<JsonElement>($"/api/v1/audit?q={marker}")).GetProperty("items").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actorName").GetString())).ToList();
        Assert.Equal(["knowledge.changed", "knowledge.created", "knowledge.deleted"], audit.Select(e => e.Action).Order());
        Assert.All(audit, e => Assert.Equal("周敏 Zhou Min", e.Actor));
    }

    [Fact]
    public async Task A_draft_is_listed_for_admins_but_the_bot_finds_it_only_once_published()
    {
        using var admin = await app.CreateApiClientAsync();
        var site = await admin.DemoSiteIdAsync();
        var marker = Marker();
        var draft = new { siteId = site, title = $"Gift cards {marker}", body = "Gift cards never expire.", locale = "en", published = false };

        var article = await (await admin.PostJsonAsync(Api, draft)).ReadAsync<ArticleView>();

        Assert.Contains(await admin.GetAsync<ArticleView[]>($"{Api}?siteId={site}&q={marker}&locale=en"), a => a.Id == article.Id);
        Assert.DoesNotContain(await SearchAsync(admin, site, $"gift cards {marker}", "en"), h => h.ArticleId == article.Id);
        using var published = await admin.PutAsJsonAsync($"{Api}/{article.Id}", draft with { published = true }, Json.Options);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(article.Id, (await SearchAsync(admin, site, $"gift cards {marker}", "en"))[0].ArticleId);
    }

    [Fact]
    public async Task An_invalid_article_is_refused_with_every_problem_named()
    {
        using var admin = await app.CreateApiClientAsync();

        using var response = await admin.PostJsonAsync(Api, new
        {
            title = " ", body = new string('a', 8001), locale = "fr", intent = "weather", keywords = new string('k', 501),
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["body", "intent", "keywords", "locale", "siteId", "title"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task An_article_for_an_unknown_site_or_a_search_without_a_question_is_refused()
    {
        using var admin = await app.CreateApiClientAsync();

        using var unknownSite = await admin.PostJsonAsync(Api, new { siteId = Guid.NewGuid(), title = "t", body = "b", locale = "en" });
        await unknownSite.AssertValidationErrorAsync("siteId");
        using var noQuestion = await admin.GetAsync($"{Api}/search?siteId={await admin.DemoSiteIdAsync()}&q=%20");
        await noQuestion.AssertValidationErrorAsync("q");
        using var unknownArticle = await admin.PutAsJsonAsync($"{Api}/{Guid.NewGuid()}",
            new { siteId = await admin.DemoSiteIdAsync(), title = "t", body = "b", locale = "en" }, Json.Options);
        await unknownArticle.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agent_cannot_read_search_or_write_the_knowledge_base()
    {
        using var admin = await app.CreateApiClientAsync();
        var site = await admin.DemoSiteIdAsync();
        using var agent = await app.CreateApiClientAsync(PortalAppFactory.Agent1Email);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"{Api}?siteId={site}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"{Api}/search?siteId={site}&q=refund")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await agent.PostJsonAsync(Api, new { siteId = site, title = "t", body = "b", locale = "en" })).StatusCode);
    }

    [Fact]
    public async Task The_demo_shop_answers_in_three_languages_from_its_seeded_articles()
    {
        using var admin = await app.CreateApiClientAsync();
        var site = await admin.DemoSiteIdAsync();

        foreach (var locale in new[] { "zh-Hans", "zh-Hant", "en" })
            Assert.True((await admin.GetAsync<ArticleView[]>($"{Api}?siteId={site}&locale={locale}")).Count(a => a.Intent is not null) >= 12);
        var traditional = await SearchAsync(admin, site, "羽絨服怎麼退貨？", "zh-TW");
        var english = await SearchAsync(admin, site, "Is buy one get one free real?", "en");

        Assert.Equal(("return_refund", "zh-Hant"), (traditional[0].Intent, traditional[0].Locale));
        Assert.Equal(("promotion", "en"), (english[0].Intent, english[0].Locale));
        Assert.Empty(await SearchAsync(admin, site, "asdf qwerty 🙂", null));
    }

    private static string Marker() => "kb" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<HitView[]> SearchAsync(HttpClient api, Guid site, string question, string? locale) =>
        await api.GetAsync<HitView[]>($"{Api}/search?siteId={site}&q={Uri.EscapeDataString(question)}&locale={locale}");

    private sealed record ArticleView(Guid Id, Guid SiteId, string Title, string Body, string? Keywords, string? Intent, string Locale, bool Published);

    private sealed record HitView(Guid ArticleId, string Title, string Body, string? Intent, string Locale, double Score);
}
