using System.Net;
using System.Text;
using System.Text.Json;
using Portal.Features.Bot;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Features.Bot.Training;

[Collection(BotTrainingCollection.Name)]
public sealed class DatasetApiTests(PortalAppFactory app)
{
    private const string Dataset = "/api/v1/bot/dataset";

    [Fact]
    public async Task A_csv_with_a_bad_line_is_rejected_naming_the_line_and_nothing_of_it_is_imported()
    {
        var tag = Tag();
        using var api = await app.CreateApiClientAsync();
        var csv = $"""
            text,intent,locale,split
            {tag} where is my stuff,order_status,en,train
            {tag} 发票怎么开,invoice,zh-Hans,train
            {tag} 天气怎么样,weather,zh-Hans,train
            """;

        using var response = await PostCsvAsync(api, csv);

        var messages = await response.AssertValidationErrorAsync("line 4");
        Assert.Contains("weather", messages.Single());
        Assert.DoesNotContain(tag, await api.GetStringAsync($"{Dataset}.csv?scope=custom"));
    }

    [Fact]
    public async Task A_test_row_that_is_not_a_shipped_held_out_row_is_refused_since_the_held_out_split_is_the_shipped_one()
    {
        using var api = await app.CreateApiClientAsync();

        using var response = await PostCsvAsync(api, $"text,intent,locale,split\n{Tag()} refund please,return_refund,en,test\n");

        Assert.Contains("held-out", (await response.AssertValidationErrorAsync("line 2")).Single());
    }

    [Fact]
    public async Task Exported_custom_examples_import_again_as_they_were_and_known_rows_are_skipped()
    {
        var tag = Tag();
        using var api = await app.CreateApiClientAsync();
        var rows = new[]
        {
            $"\"{tag} hi, is anyone there?\",greeting,en,train",
            $"\"{tag} the \"\"gift\"\" box came broken\",complaint,en,train",
            $"{tag} 羽絨服可以退嗎,return_refund,zh-Hant,train",
        };
        var shippedRow = "我要取消订单,cancel_order,zh-Hans,train";

        var imported = await (await PostCsvAsync(api, string.Join("\n", ["text,intent,locale,split", .. rows, shippedRow])))
            .ReadAsync<BotTrainingApi.ImportResult>();
        var exported = await api.GetByteArrayAsync($"{Dataset}.csv?scope=custom");
        var reimported = await (await api.PostAsync(Dataset, new ByteArrayContent(exported))).ReadAsync<BotTrainingApi.ImportResult>();

        Assert.Equal(new BotTrainingApi.ImportResult(3, 1), imported);
        var lines = Encoding.UTF8.GetString(exported).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("text,intent,locale,split", lines[0]);
        Assert.Equal(rows, lines.Where(l => l.Contains(tag)));
        Assert.Equal(0, reimported.Added);
        var all = await api.GetStringAsync($"{Dataset}.csv");
        Assert.Contains(shippedRow, all);
        Assert.Contains(",test", all);
        Assert.Contains(rows[2], all);
    }

    [Fact]
    public async Task An_import_is_recorded_in_the_audit_log()
    {
        using var api = await app.CreateApiClientAsync();

        (await PostCsvAsync(api, $"text,intent,locale,split\n{Tag()} thanks bye,thanks_goodbye,en,train\n")).EnsureSuccessStatusCode();

        var entries = await api.GetAsync<JsonElement>("/api/v1/audit?action=bot.dataset.imported");
        Assert.Contains(entries.GetProperty("items").EnumerateArray(), e => e.GetProperty("actorName").GetString() == "Administrator");
    }

    private static Task<HttpResponseMessage> PostCsvAsync(HttpClient api, string csv) =>
        api.PostAsync(Dataset, new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string Tag() => "t" + Guid.NewGuid().ToString("N")[..10];
}
