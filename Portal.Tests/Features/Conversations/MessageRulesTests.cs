using Portal.Features.Conversations;

namespace Portal.Tests.Features.Conversations;

public sealed class MessageRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(null)]
    public void An_empty_message_is_refused(string? text) =>
        Assert.Contains("text", MessageRules.Validate(text, null)!.Keys);

    [Fact]
    public void A_message_of_exactly_4000_characters_is_accepted_and_4001_is_refused()
    {
        Assert.Null(MessageRules.Validate(new string('x', 4000), "id-1"));
        Assert.Contains("4001", MessageRules.Validate(new string('x', 4001), "id-1")!["text"][0]);
    }

    [Fact]
    public void An_over_long_or_blank_client_message_id_is_refused()
    {
        Assert.Contains("clientMessageId", MessageRules.Validate("hi", new string('a', 101))!.Keys);
        Assert.Contains("clientMessageId", MessageRules.Validate("hi", " ")!.Keys);
    }
}
