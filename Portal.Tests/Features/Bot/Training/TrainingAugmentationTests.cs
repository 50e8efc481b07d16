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
    public void An_example_becomes_itself_a_swapped_copy_and_a_copy_with_one_typo()
    {
        var texts = TrainingAugmentation.Expand("我的快递到哪了", new Random(7)).ToList();

        Assert.Equal(3, texts.Count);
        Assert.Equal("我的快递到哪了", texts[0]);
        Assert.Equal("我的物流到哪了", texts[1]);
        Assert.Equal(1, Math.Abs(texts[2].Length - texts[0].Length));
    }

    [Fact]
    public void Short_text_gets_no_typo_copy() =>
        Assert.Equal(["你好"], TrainingAugmentation.Expand("你好", new Random(7)));

    [Fact]
    public void The_same_seed_makes_the_same_copies() =>
        Assert.Equal(TrainingAugmentation.Expand("where is my parcel please", new Random(3)),
            TrainingAugmentation.Expand("where is my parcel please", new Random(3)));
}
