namespace Portal.Features.Bot.Understanding;

/// <summary>What a shopper's message names, each list in order of appearance without repeats.</summary>
/// <param name="OrderNumbers">Order numbers as written (full-width digits folded), e.g. <c>2024112300123</c>, <c>A2024-1123</c>.</param>
/// <param name="PhoneNumbers">Phone numbers with spaces and dashes removed, e.g. <c>13812345678</c>, <c>+85291234567</c>.</param>
/// <param name="Sizes">Clothing sizes upper-case (<c>XS</c>…<c>XXXL</c>, <c>S</c>, <c>M</c>, <c>L</c>) and shoe sizes (<c>36</c>…<c>46</c>).</param>
/// <param name="Colours">Colours in their normalized form (<c>黑色</c>, <c>red</c>).</param>
/// <param name="Products">The product names passed to the extractor that the message mentions, as passed.</param>
public sealed record ExtractedEntities(
    IReadOnlyList<string> OrderNumbers,
    IReadOnlyList<string> PhoneNumbers,
    IReadOnlyList<string> Sizes,
    IReadOnlyList<string> Colours,
    IReadOnlyList<string> Products)
{
    public static ExtractedEntities None { get; } = new([], [], [], [], []);
}
