using System.Text.RegularExpressions;
using Portal.Features.Bot.Dialogue;

namespace Portal.Tests.Features.Bot.Dialogue;

public sealed class ReplyTemplatesTests
{
    [Fact]
    public void Every_reply_exists_in_Simplified_Traditional_and_English_with_the_same_placeholders()
    {
        foreach (var key in ReplyTemplates.Keys)
        {
            var placeholders = new[] { ReplyLocales.Simplified, ReplyLocales.Traditional, ReplyLocales.English }
                .Select(locale => ReplyTemplates.Render(key, locale))
                .Select(text =>
                {
                    Assert.False(string.IsNullOrWhiteSpace(text), $"{key} is empty in a locale");
                    return string.Join(",", Regex.Matches(text, @"\{\w+\}").Select(m => m.Value).Order());
                })
                .Distinct();
            Assert.True(placeholders.Count() == 1, $"{key} has different placeholders in different locales");
        }
    }

    [Fact]
    public void Placeholders_are_filled()
    {
        var text = ReplyTemplates.Render("order.not_found", ReplyLocales.English, ("number", "A-77"));

        Assert.Contains("A-77", text);
        Assert.DoesNotContain("{", text);
    }

    [Theory]
    [InlineData("我的訂單到哪了", ReplyLocales.Simplified, ReplyLocales.Traditional)]
    [InlineData("我的订单到哪了", ReplyLocales.Traditional, ReplyLocales.Simplified)]
    [InlineData("好的", ReplyLocales.Traditional, ReplyLocales.Traditional)]
    [InlineData("我需要开发票，公司抬头怎么填", ReplyLocales.Simplified, ReplyLocales.Simplified)]
    [InlineData("where is my parcel", ReplyLocales.Simplified, ReplyLocales.English)]
    [InlineData("2024112300123", ReplyLocales.English, ReplyLocales.English)]
    [InlineData("👍", ReplyLocales.Traditional, ReplyLocales.Traditional)]
    public void The_bot_answers_in_the_script_the_customer_writes(string text, string previous, string expected)
    {
        Assert.Equal(expected, ReplyLocales.Detect(text, previous));
    }

    [Theory]
    [InlineData("zh-TW", ReplyLocales.Traditional)]
    [InlineData("zh-HK", ReplyLocales.Traditional)]
    [InlineData("zh-CN", ReplyLocales.Simplified)]
    [InlineData("en-GB", ReplyLocales.English)]
    [InlineData(null, ReplyLocales.Simplified)]
    public void A_new_conversation_starts_in_the_widgets_language(string? widgetLocale, string expected)
    {
        Assert.Equal(expected, ReplyLocales.FromWidget(widgetLocale));
    }
}
