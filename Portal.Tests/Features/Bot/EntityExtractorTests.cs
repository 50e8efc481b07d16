using Portal.Features.Bot.Understanding;

namespace Portal.Tests.Features.Bot;

public sealed class EntityExtractorTests
{
    private static readonly string[] DemoProducts = ["羽绒服 Down jacket", "羊毛围巾 Wool scarf", "Everyday sneakers", "羊毛大衣 Wool coat"];

    [Theory]
    [InlineData("我的订单2024112300123到哪了", "2024112300123")]
    [InlineData("where is order #1002?", "1002")]
    [InlineData("Order A2024-1123 hasn't arrived", "A2024-1123")]
    [InlineData("訂單號：２０２４１１２３００１２３", "2024112300123")]
    [InlineData("tracking ZTO75318642097", "ZTO75318642097")]
    public void Order_numbers_are_found(string text, string orderNumber) =>
        Assert.Equal([orderNumber], EntityExtractor.Extract(text).OrderNumbers);

    [Theory]
    [InlineData("手机13812345678，订单不见了")]
    [InlineData("花了1999元")]
    [InlineData("2024-11-23买的")]
    [InlineData("只有123")]
    public void Phone_numbers_prices_dates_and_short_numbers_are_not_order_numbers(string text) =>
        Assert.Empty(EntityExtractor.Extract(text).OrderNumbers);

    [Theory]
    [InlineData("我的手机13812345678", "13812345678")]
    [InlineData("call me on 138-1234-5678", "13812345678")]
    [InlineData("電話 +852 9123 4567", "+85291234567")]
    [InlineData("+86 13912345678 is mine", "+8613912345678")]
    public void Phone_numbers_are_found_without_separators(string text, string phone) =>
        Assert.Equal([phone], EntityExtractor.Extract(text).PhoneNumbers);

    [Theory]
    [InlineData("有XL码吗", "XL")]
    [InlineData("wrong size, I need a M", "M")]
    [InlineData("size s please", "S")]
    [InlineData("鞋子要42码", "42")]
    [InlineData("鞋要39號", "39")]
    [InlineData("can I get size 44", "44")]
    public void Sizes_are_found(string text, string size) =>
        Assert.Equal([size], EntityExtractor.Extract(text).Sizes);

    [Theory]
    [InlineData("I'm not sure")]
    [InlineData("买了3件")]
    public void Ordinary_words_are_not_sizes(string text) =>
        Assert.Empty(EntityExtractor.Extract(text).Sizes);

    [Theory]
    [InlineData("有黑色的吗", "黑色")]
    [InlineData("有紅色嗎", "红色")]
    [InlineData("do you have it in navy", "navy")]
    [InlineData("想要酒红色", "酒红色")]
    public void Colours_are_found(string text, string colour) =>
        Assert.Equal([colour], EntityExtractor.Extract(text).Colours);

    [Theory]
    [InlineData("羽絨服有貨嗎", "羽绒服 Down jacket")]
    [InlineData("is the down jacket warm", "羽绒服 Down jacket")]
    [InlineData("Everyday Sneakers in white?", "Everyday sneakers")]
    public void Products_of_the_shop_are_found_in_either_script_or_language(string text, string product) =>
        Assert.Equal([product], EntityExtractor.Extract(text, DemoProducts).Products);

    [Fact]
    public void One_message_can_name_everything_at_once()
    {
        var entities = EntityExtractor.Extract("订单2024112300123的羊毛大衣L码黑色，电话13912345678", DemoProducts);

        Assert.Equal(["2024112300123"], entities.OrderNumbers);
        Assert.Equal(["13912345678"], entities.PhoneNumbers);
        Assert.Equal(["L"], entities.Sizes);
        Assert.Equal(["黑色"], entities.Colours);
        Assert.Equal(["羊毛大衣 Wool coat"], entities.Products);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("🙂🙂🙂")]
    [InlineData("asdkjh qwe ###")]
    public void Nothing_is_found_in_empty_or_garbage_text(string? text) =>
        Assert.Equal(ExtractedEntities.None with { }, EntityExtractor.Extract(text, DemoProducts), new EntitiesComparer());

    private sealed class EntitiesComparer : IEqualityComparer<ExtractedEntities>
    {
        public bool Equals(ExtractedEntities? x, ExtractedEntities? y) =>
            x is not null && y is not null && x.OrderNumbers.SequenceEqual(y.OrderNumbers) && x.PhoneNumbers.SequenceEqual(y.PhoneNumbers)
            && x.Sizes.SequenceEqual(y.Sizes) && x.Colours.SequenceEqual(y.Colours) && x.Products.SequenceEqual(y.Products);

        public int GetHashCode(ExtractedEntities obj) => 0;
    }
}
