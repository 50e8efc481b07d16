using Portal.Features.Catalog;

namespace Portal.Features.Demo;

/// <summary>The demo shop's products, with stock per size and colour (some sold out, so the bot has something to say).</summary>
public static class DemoProducts
{
    private const string Black = "黑色 Black";
    private const string White = "白色 White";

    public static IReadOnlyList<Product> Create() =>
    [
        new()
        {
            Sku = "DJ-2024", Name = "羽绒服 Down jacket", Aliases = "羽絨服, 羽绒外套, 羽絨外套, 面包服, down jacket, puffer jacket",
            Description = "90% 白鸭绒填充，宽松版型，可拆卸连帽。90% white duck down, relaxed fit, detachable hood.",
            Price = 1299m, Url = "/demo#down-jacket",
            Variants =
            [
                new("S", Black, 8), new("M", Black, 12), new("L", Black, 3), new("XL", Black, 0),
                new("S", White, 5), new("M", White, 0), new("L", White, 0), new("XL", White, 2),
            ],
        },
        new()
        {
            Sku = "HD-CLASSIC", Name = "连帽卫衣 Hoodie", Aliases = "卫衣, 衛衣, 連帽衛衣, 帽衫, hoodie, sweatshirt",
            Description = "加绒纯棉连帽卫衣，买一送一活动商品。Fleece-lined cotton hoodie; buy one get one free this month.",
            Price = 299m, Url = "/demo#hoodie",
            Variants =
            [
                new("S", "灰色 Grey", 10), new("M", "灰色 Grey", 14), new("L", "灰色 Grey", 6), new("XL", "灰色 Grey", 0),
                new("S", "藏青色 Navy", 4), new("M", "藏青色 Navy", 0), new("L", "藏青色 Navy", 9), new("XL", "藏青色 Navy", 3),
            ],
        },
        new()
        {
            Sku = "JN-SLIM", Name = "修身牛仔裤 Slim jeans", Aliases = "牛仔裤, 牛仔褲, 修身牛仔褲, jeans, denim",
            Description = "弹力修身直筒牛仔裤。Stretch slim straight-leg jeans.",
            Price = 399m, Url = "/demo#jeans",
            Variants = [new("28", "深蓝色 Dark blue", 7), new("30", "深蓝色 Dark blue", 11), new("32", "深蓝色 Dark blue", 0), new("34", "深蓝色 Dark blue", 2)],
        },
        new()
        {
            Sku = "TS-COTTON", Name = "纯棉T恤 Cotton T-shirt", Aliases = "T恤, T卹, 純棉T卹, 短袖, tee, t-shirt",
            Description = "200g 精梳棉圆领短袖，买一送一活动商品。Crew-neck combed-cotton tee; buy one get one free this month.",
            Price = 99m, Url = "/demo#t-shirt",
            Variants =
            [
                new("S", White, 20), new("M", White, 25), new("L", White, 18), new("XL", White, 9),
                new("S", Black, 15), new("M", Black, 0), new("L", Black, 12), new("XL", Black, 6),
            ],
        },
        new()
        {
            Sku = "SC-WOOL", Name = "羊毛围巾 Wool scarf", Aliases = "围巾, 圍巾, 羊毛圍巾, scarf",
            Description = "100% 美利奴羊毛，180 × 30 cm。100% merino wool, 180 × 30 cm.",
            Price = 179m, Url = "/demo#scarf",
            Variants = [new(null, "灰色 Grey", 30), new(null, "驼色 Camel", 12), new(null, "酒红色 Burgundy", 0)],
        },
        new()
        {
            Sku = "SN-EVERYDAY", Name = "百搭运动鞋 Everyday sneakers", Aliases = "运动鞋, 運動鞋, 休闲鞋, 休閒鞋, 小白鞋, sneakers, trainers",
            Description = "轻便透气，偏小半码，建议拍大半码。Light and breathable; runs half a size small.",
            Price = 699m, Url = "/demo#sneakers",
            Variants =
            [
                new("37", White, 4), new("38", White, 0), new("39", White, 6), new("40", White, 8), new("41", White, 5), new("42", White, 3),
                new("37", Black, 2), new("38", Black, 5), new("39", Black, 0), new("40", Black, 7), new("41", Black, 4), new("42", Black, 0),
            ],
        },
        new()
        {
            Sku = "WC-CAMEL", Name = "羊毛大衣 Wool coat", Aliases = "大衣, 羊毛大衣, 毛呢大衣, wool coat, overcoat",
            Description = "70% 羊毛双面呢，中长款。70% wool double-faced coat, mid-length.",
            Price = 1899m, Url = "/demo#wool-coat",
            Variants = [new("S", "驼色 Camel", 3), new("M", "驼色 Camel", 5), new("L", "驼色 Camel", 0)],
        },
        new()
        {
            Sku = "SK-COT-3", Name = "棉袜三双装 Cotton socks (3 pairs)", Aliases = "袜子, 襪子, 棉袜, 棉襪, socks",
            Description = "精梳棉中筒袜，三双装。Combed-cotton crew socks, pack of three.",
            Price = 89m, Url = "/demo#socks",
            Variants = [new("M", "混色 Mixed", 40), new("L", "混色 Mixed", 25)],
        },
    ];
}
