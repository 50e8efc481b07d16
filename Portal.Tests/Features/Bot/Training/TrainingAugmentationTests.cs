using Portal.Features.Bot.Training;

namespace Portal.Tests.Features.Bot.Training;

public sealed class TrainingAugmentationTests
{
    [Theory]
    [InlineData("我的快递到哪了", "我的物流到哪了")]
    [InlineData("什么时候退钱", "什么时候退款")]
    [InlineData("i want my refund now", "i want my money back now")]
    [InlineData("什么时候发货", "什么时候出货")]
    [InlineData("满多少免运", "满多少包邮")]
    public void A_retail_word_is_swapped_for_the_word_shoppers_use_for_the_same_thing(string text, string swapped) =>
        Assert.Equal(swapped, TrainingAugmentation.WithSwappedWord(text, new Random(1)));

    [Theory]
    [InlineData("what is the cancellation fee")]
    [InlineData("你好")]
    public void Text_without_a_known_word_gets_no_swapped_copy(string text) =>
        Assert.Null(TrainingAugmentation.WithSwappedWord(text, new Random(1)));

    [Fact]
    public void An_example_becomes_its_features_a_swapped_copy_and_a_copy_with_one_typo()
    {
        var texts = new TrainingAugmentation(7).Expand("where is my parcel").ToList();

        Assert.Equal(3, texts.Count);
        Assert.Equal("where is my parcel", texts[0]);
        Assert.Equal("where is my package", texts[1]);
        Assert.Equal(1, Math.Abs(texts[2].Length - texts[0].Length));
    }

    [Fact]
    public void Chinese_words_are_swapped_before_the_features_space_out_the_characters() =>
        Assert.Equal("我 的 物 流 到 哪 了", new TrainingAugmentation(7).Expand("我的快递到哪了").ElementAt(1));

    [Fact]
    public void Short_text_gets_no_typo_copy() =>
        Assert.Equal(["你 好"], new TrainingAugmentation(7).Expand("你好"));

    [Fact]
    public void The_same_seed_makes_the_same_copies() =>
        Assert.Equal(new TrainingAugmentation(3).Expand("where is my parcel please"), new TrainingAugmentation(3).Expand("where is my parcel please"));
}
