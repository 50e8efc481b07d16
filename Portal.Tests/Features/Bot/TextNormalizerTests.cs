using Portal.Features.Bot.Understanding;

namespace Portal.Tests.Features.Bot;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("羽絨服", "羽绒服")]
    [InlineData("我的訂單到哪了", "我的订单到哪了")]
    [InlineData("我想退貨", "我想退货")]
    [InlineData("可以開發票嗎", "可以开发票吗")]
    [InlineData("這個軟體", "这个软件")]
    [InlineData("怎麼退貨", "怎么退货")]
    public void Traditional_Chinese_becomes_Simplified(string traditional, string simplified) =>
        Assert.Equal(simplified, TextNormalizer.Normalize(traditional));

    [Fact]
    public void Traditional_and_Simplified_spellings_of_a_product_normalize_alike() =>
        Assert.Equal(TextNormalizer.Normalize("羽绒服有黑色吗"), TextNormalizer.Normalize("羽絨服有黑色嗎"));

    [Fact]
    public void Simplified_text_is_left_as_it_is() =>
        Assert.Equal("什么时候发货", TextNormalizer.Normalize("什么时候发货"));

    [Fact]
    public void Full_width_letters_digits_and_punctuation_become_half_width() =>
        Assert.Equal("abc123?!", TextNormalizer.Normalize("ＡＢＣ１２３？！"));

    [Theory]
    [InlineData("在吗？？？", "在吗?")]
    [InlineData("WHERE IS MY ORDER!!!", "where is my order!")]
    [InlineData("  hello \t\n  there  ", "hello there")]
    [InlineData("退款。。。。", "退款。")]
    public void Case_repeated_punctuation_and_whitespace_collapse(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("pls refud asap", "please refund as soon as possible")]
    [InlineData("can u cancle my ordr", "can you cancel my order")]
    [InlineData("呢件衫几时有货咩", "呢件衫几时有货什么")]
    [InlineData("木有收到货", "没有收到货")]
    [InlineData("啥时候发货", "什么时候发货")]
    public void Common_misspellings_and_variants_get_their_standard_spelling(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("訂單２０２４１１２３００１２３", "订单2024112300123")]
    [InlineData("Order A2024-1123 please", "order a2024-1123 please")]
    public void Order_numbers_survive(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("😀😀", "😀😀")]
    public void Empty_and_emoji_input_never_throws(string? text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Fact]
    public void A_broken_emoji_is_dropped() =>
        Assert.Equal("hi", TextNormalizer.Normalize("hi" + '\ud83d'));

    [Fact]
    public void Long_input_is_normalized_whole()
    {
        var text = string.Concat(Enumerable.Repeat("訂單到哪了 ", 700));
        Assert.StartsWith("订单到哪了 订单", TextNormalizer.Normalize(text));
    }
}
