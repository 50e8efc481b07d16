using Portal.Features.Bot;
using Portal.Features.Demo;
using Portal.Features.Knowledge;

namespace Portal.Tests.Features.Knowledge;

public sealed class KnowledgeIndexTests
{
    private static readonly KnowledgeIndex Demo = new(DemoKnowledge.Articles.Select(a => Article(a.Title, a.Body, a.Locale, a.Intent, a.Keywords)));

    [Fact]
    public void A_Traditional_question_finds_a_Simplified_article_and_the_other_way_round()
    {
        var returns = Article("退货说明", "羽绒服签收 7 天内可以无理由退货，吊牌完好即可。", KnowledgeLocales.SimplifiedChinese, Intents.ReturnRefund);
        var fees = Article("運費說明", "訂單滿 99 元免運費。", KnowledgeLocales.TraditionalChinese, Intents.ShippingTime);
        var index = new KnowledgeIndex([returns, fees]);

        Assert.Equal(returns.Id, Assert.Single(index.Search("羽絨服怎麼退貨", "zh-Hant", 3)).ArticleId);
        Assert.Equal(fees.Id, Assert.Single(index.Search("运费多少钱", "zh-Hans", 3)).ArticleId);
    }

    [Fact]
    public void An_English_question_finds_the_English_article()
    {
        var hits = Demo.Search("How long does shipping take to Beijing?", "en", 3);

        Assert.Equal("Shipping and delivery times", hits[0].Title);
        Assert.All(hits, h => Assert.Equal("en", h.Locale));
    }

    [Theory]
    [InlineData("asdfgh qwerty zxcv")]
    [InlineData("the weather is nice today")]
    [InlineData("今天天气很好")]
    [InlineData("天气预报说明天下雨")]
    [InlineData("🙂🙂🙂")]
    [InlineData("你好")]
    [InlineData("???")]
    public void A_question_the_articles_do_not_answer_finds_nothing(string question) =>
        Assert.Empty(Demo.Search(question, null, 3));

    [Fact]
    public void An_article_about_the_word_outranks_one_that_mentions_it_in_passing()
    {
        var mention = Article("Shipping times", "Orders ship in 24 hours. Gift wrapping is free on request.", "en", null);
        var about = Article("Gift wrapping", "Tick the box at checkout and we wrap your order in recycled paper.", "en", null);
        var index = new KnowledgeIndex([mention, about]);

        Assert.Equal([about.Id, mention.Id], index.Search("gift wrapping", "en", 3).Select(h => h.ArticleId));
    }

    [Fact]
    public void Of_an_article_and_its_translations_only_the_one_in_the_shoppers_language_is_found()
    {
        var traditional = Demo.Search("退货", "zh-TW", 3);
        var simplified = Demo.Search("退货", "zh-Hans", 3);

        Assert.Equal(("7 天無理由退貨", "zh-Hant"), (traditional[0].Title, traditional[0].Locale));
        Assert.Equal(("7 天无理由退货", "zh-Hans"), (simplified[0].Title, simplified[0].Locale));
        Assert.DoesNotContain(traditional, h => h.Title == "7 天无理由退货");
    }

    [Theory]
    [InlineData("羽絨服怎麼退貨", "zh-Hant", Intents.ReturnRefund)]
    [InlineData("退款多久能到账", "zh-Hans", Intents.ReturnRefund)]
    [InlineData("买一送一是什么意思", "zh-Hans", Intents.Promotion)]
    [InlineData("包郵嗎", "zh-Hant", Intents.ShippingTime)]
    [InlineData("我想改地址", "zh-Hans", Intents.ChangeAddress)]
    [InlineData("怎麼取消訂單", "zh-Hant", Intents.CancelOrder)]
    [InlineData("要开发票", "zh-Hans", Intents.Invoice)]
    [InlineData("换个颜色", "zh-Hans", Intents.Exchange)]
    [InlineData("我170cm穿什么码", "zh-Hans", Intents.ProductInfo)]
    [InlineData("can I pay with alipay", "en", Intents.Payment)]
    [InlineData("when will my refund arrive", "en", Intents.ReturnRefund)]
    [InlineData("is there a buy one get one free offer", "en", Intents.Promotion)]
    [InlineData("how do I wash my down jacket", "en", Intents.ProductInfo)]
    public void The_demo_shops_articles_answer_typical_questions_in_the_shoppers_language(string question, string locale, string intent)
    {
        var hits = Demo.Search(question, locale, 3);

        Assert.Equal((intent, locale), (hits[0].Intent, hits[0].Locale));
        Assert.Equal(hits.Count, hits.DistinctBy(h => h.ArticleId).Count());
    }

    [Fact]
    public void The_article_for_an_intent_is_the_first_written_in_the_nearest_locale()
    {
        Assert.Equal(("出貨和配送時效", "zh-Hant"), Pick(Demo.ForIntent(Intents.ShippingTime, "zh-TW")));
        Assert.Equal(("发货和配送时效", "zh-Hans"), Pick(Demo.ForIntent(Intents.ShippingTime, "zh-Hans")));
        Assert.Equal(("Invoices", "en"), Pick(Demo.ForIntent(Intents.Invoice, "en-GB")));
        Assert.Null(Demo.ForIntent(Intents.OrderStatus, "en"));

        var onlySimplified = new KnowledgeIndex([Article("开发票", "电子发票三天内发到邮箱。", "zh-Hans", Intents.Invoice)]);
        Assert.Equal("zh-Hans", onlySimplified.ForIntent(Intents.Invoice, "zh-Hant")!.Locale);
    }

    private static (string, string) Pick(KnowledgeHit? hit) => (hit!.Title, hit.Locale);

    private static KnowledgeArticle Article(string title, string body, string locale, string? intent, string? keywords = null) =>
        new() { Title = title, Body = body, Locale = locale, Intent = intent, Keywords = keywords, Published = true };
}
