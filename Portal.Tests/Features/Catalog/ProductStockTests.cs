using Portal.Features.Catalog;
using Portal.Features.Demo;

namespace Portal.Tests.Features.Catalog;

public sealed class ProductStockTests
{
    private static readonly ProductDto DownJacket = ProductDto.From(DemoProducts.Create().Single(p => p.Sku == "DJ-2024"));

    [Theory]
    [InlineData("M", "黑色", 12)]
    [InlineData("m码", "黑", 12)]
    [InlineData("M號", "黑色", 12)]
    [InlineData("M", "black", 12)]
    [InlineData("M", "白色", 0)]
    [InlineData("XL", "Black", 0)]
    [InlineData("L", null, 3)]
    [InlineData(null, "白色", 7)]
    [InlineData(null, null, 30)]
    public void Stock_is_counted_for_the_size_and_colour_a_shopper_asks_for(string? size, string? colour, int expected) =>
        Assert.Equal(expected, DownJacket.StockOf(size, colour));

    [Theory]
    [InlineData("XXL", null)]
    [InlineData(null, "红色")]
    [InlineData("M", "pink")]
    public void A_size_or_colour_the_product_does_not_come_in_has_no_stock_at_all(string? size, string? colour) =>
        Assert.Null(DownJacket.StockOf(size, colour));

    [Fact]
    public void The_variants_of_a_size_say_which_colours_are_left()
    {
        Assert.Equal(["黑色 Black"], DownJacket.VariantsOf("M").Where(v => v.Stock > 0).Select(v => v.Colour));
        Assert.Equal(30, DownJacket.TotalStock);
    }
}
