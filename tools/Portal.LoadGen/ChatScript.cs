namespace Portal.LoadGen;

/// <summary>
/// What simulated people write and how long they think. Lengths follow what shop chats look like: mostly short
/// questions (median ~14 characters), some long complaints; think times are exponential, so messages arrive as a
/// Poisson process at the configured rate.
/// </summary>
public static class ChatScript
{
    private static readonly string[] CustomerLines =
    [
        "你好", "在吗", "我的订单到哪了？", "2024112300123 发货了吗", "請問訂單什麼時候出貨？", "where is my order?",
        "多久能到货", "運費怎麼算", "how long does delivery take to Shanghai?", "可以退货吗", "衣服不合适怎么退",
        "can I return it if it doesn't fit?", "尺码小了能换大一码吗", "能換顏色嗎", "现在有什么优惠活动", "買一送一是真的嗎",
        "any discount codes for first orders?", "可以用花呗吗", "do you take paypal?", "能开发票吗", "谢谢", "ok thanks",
        "这件羽绒服有M码吗？我平时穿L但是听说偏大", "I ordered the black down jacket in size M last week and it still says processing, " +
            "could you check what is going on? I need it before my trip on Friday.",
        "收到的衣服有线头而且颜色和图片不一样，我很失望，希望给我一个解决方案，要么换货要么退款，谢谢。",
    ];

    private static readonly string[] AgentLines =
    [
        "您好，我帮您查一下", "Let me check that for you.", "已经发货了，预计明天送达", "It shipped yesterday and arrives tomorrow.",
        "可以的，七天无理由退换", "Yes, returns are free within 7 days.", "好的，已为您备注", "Sorry for the trouble, I'll sort it out now.",
    ];

    public static string CustomerMessage(Random random, int number) => $"{CustomerLines[random.Next(CustomerLines.Length)]} #{number}";

    public static string AgentReply(Random random) => AgentLines[random.Next(AgentLines.Length)];

    /// <summary>An exponential think time with the given mean.</summary>
    public static TimeSpan ThinkTime(Random random, TimeSpan mean) => mean * -Math.Log(1 - random.NextDouble());

    /// <summary>An agent's time to read and answer: 1–5 s.</summary>
    public static TimeSpan AgentThinkTime(Random random) => TimeSpan.FromSeconds(1 + 4 * random.NextDouble());
}
