// Bot reply latency as a shopper sees it (SPEC §5: embedded full reply p99 ≤ 50 ms): widget visitors on the demo shop
// ask the bot realistic questions through /hubs/widget, one at a time each, many visitors at once; the time from sending
// a question to the bot's reply arriving is recorded (the question's storage and both deliveries included).
// With an admin password as a fourth argument it measures the fallback instead: the bot's LLM is pointed at a server
// that accepts connections and never answers, with a 1 s reply deadline, so every reply is the embedded bot's after the
// deadline (or at once, while the circuit breaker is open); the LLM settings are turned off again at the end.
//   dotnet run --project Portal                      (another terminal; the bot on, the model trained)
//   dotnet run -c Release --project tools/Portal.BotBench -- [url] [visitors] [questions per visitor] [admin password]
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

var url = new Uri(args.ElementAtOrDefault(0) ?? "http://localhost:5080");
var visitors = int.Parse(args.ElementAtOrDefault(1) ?? "20");
var questionsEach = int.Parse(args.ElementAtOrDefault(2) ?? "20");
var adminPassword = args.ElementAtOrDefault(3);
const int DeadlineSeconds = 1;

// Questions the bot answers itself (no handover), in the three languages shoppers write.
string[] questions =
[
    "你好", "我的订单 1002 到哪了？", "2024112300123 发货了吗", "請問訂單 1003 什麼時候出貨？", "where is my order 1001?",
    "多久能到货", "運費怎麼算", "how long does delivery take?", "可以退货吗", "衣服不合适怎么退", "can I return it if it doesn't fit?",
    "尺码小了能换吗", "能換顏色嗎", "现在有什么优惠", "買一送一是真的嗎", "any discount codes?", "可以用花呗吗", "支持哪些付款方式",
    "do you take paypal?", "能开发票吗", "發票怎麼開", "can I get an invoice?", "谢谢", "thanks, bye",
];

using var http = new HttpClient { BaseAddress = url };
var latencies = Channel.CreateUnbounded<double>();
var errors = 0;
using var blackHole = adminPassword is null ? null : new TcpListener(IPAddress.Loopback, 0);
var held = new List<TcpClient>();
if (blackHole is not null)
{
    blackHole.Start();
    _ = Task.Run(async () =>
    {
        while (true)
            held.Add(await blackHole.AcceptTcpClientAsync());
    });
    await SetLlmAsync(enabled: true);
}
var clock = Stopwatch.StartNew();
try
{
    await Task.WhenAll(Enumerable.Range(0, visitors).Select(RunVisitorAsync));
}
finally
{
    if (blackHole is not null)
        await SetLlmAsync(enabled: false);
}
var elapsed = clock.Elapsed;
latencies.Writer.Complete();

var sorted = new List<double>();
await foreach (var latency in latencies.Reader.ReadAllAsync())
    sorted.Add(latency);
sorted.Sort();
double Percentile(double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
Console.WriteLine($"{visitors} visitors × {questionsEach} questions against {url} in {elapsed.TotalSeconds:F1} s; {sorted.Count} replies, {errors} errors");
if (sorted.Count > 0)
    Console.WriteLine($"question sent → bot reply: p50 {Percentile(0.50):F1} ms, p95 {Percentile(0.95):F1} ms, p99 {Percentile(0.99):F1} ms, max {sorted[^1]:F1} ms");
if (blackHole is not null)
{
    var afterDeadline = sorted.Where(l => l >= DeadlineSeconds * 1000).Select(l => l - DeadlineSeconds * 1000).ToList();
    Console.WriteLine($"LLM never answers, {DeadlineSeconds} s deadline: {afterDeadline.Count} replies waited for the deadline, {sorted.Count - afterDeadline.Count} came at once (circuit open)");
    if (afterDeadline.Count > 0)
        Console.WriteLine($"  fallback after the deadline: p50 {afterDeadline[afterDeadline.Count / 2]:F1} ms, p99 {afterDeadline[(int)Math.Ceiling(0.99 * afterDeadline.Count) - 1]:F1} ms, max {afterDeadline[^1]:F1} ms");
}

async Task SetLlmAsync(bool enabled)
{
    using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@portal.local", password = adminPassword });
    login.EnsureSuccessStatusCode();
    var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
    using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/bot/assistant")
    {
        Content = JsonContent.Create(new
        {
            enabled, provider = "openAICompatible", baseUrl = $"http://127.0.0.1:{((IPEndPoint)blackHole!.LocalEndpoint).Port}/v1",
            model = "black-hole", apiKey = "unused", clearApiKey = false, persona = "", temperature = 0.2, timeoutSeconds = DeadlineSeconds,
            maxHistoryMessages = 20,
        }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
}

async Task RunVisitorAsync(int visitor)
{
    try
    {
        using var response = await http.PostAsJsonAsync("/api/v1/widget/sessions", new { siteKey = "demo-shop" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visitorToken").GetString()!;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(url, "/hubs/widget"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var replies = Channel.CreateUnbounded<(long Seq, long ArrivedAt)>();
        hub.On<JsonElement>("message", m =>
        {
            if (m.GetProperty("author").GetString() == "bot")
                replies.Writer.TryWrite((m.GetProperty("seq").GetInt64(), Stopwatch.GetTimestamp()));
        });
        await hub.StartAsync();
        var random = new Random(visitor);
        for (var i = 0; i < questionsEach; i++)
        {
            var question = questions[random.Next(questions.Length)];
            var sentAt = Stopwatch.GetTimestamp();
            var sent = await hub.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString(), question);
            var seq = sent.GetProperty("seq").GetInt64();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                var reply = await replies.Reader.ReadAsync(timeout.Token);
                if (reply.Seq <= seq)
                    continue;
                latencies.Writer.TryWrite(Stopwatch.GetElapsedTime(sentAt, reply.ArrivedAt).TotalMilliseconds);
                break;
            }
            // A shopper reads the answer before asking the next thing; keeps each visitor under the flood limit too.
            await Task.Delay(random.Next(200, 600));
        }
    }
    catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or HubException or InvalidOperationException)
    {
        Interlocked.Increment(ref errors);
        Console.Error.WriteLine($"visitor {visitor}: {exception.Message}");
    }
}
