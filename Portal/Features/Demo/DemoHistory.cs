using Portal.Data;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Sites;

namespace Portal.Features.Demo;

/// <summary>
/// Two weeks of closed past conversations for the demo shop, so reports and history are not empty on a fresh
/// install: some the bot resolved, some it handed over, some a person took from the start. Always the same
/// (a fixed random seed), relative to the day the demo is installed.
/// </summary>
internal static class DemoHistory
{
    private const int Days = 14;
    private const string BotName = "Bot";

    private static readonly string[] Questions =
    [
        "我的订单什么时候发货？", "Do you ship to Canada?", "羽绒服可以退货吗？", "How long does delivery take?",
        "我想改一下收货地址", "Is there a discount code this week?", "发票怎么开？", "Can I exchange for a bigger size?",
    ];

    private static readonly string[] BotAnswers =
    [
        "订单一般在付款后 24 小时内发货，您可以在“我的订单”里查看物流。", "We ship to Canada; delivery takes 5–8 working days.",
        "未穿着、吊牌完好的商品可在 7 天内无理由退货。", "Standard delivery takes 2–4 working days.",
    ];

    private static readonly string[] AgentAnswers =
    [
        "您好，我帮您查一下，请稍等。", "Hi, I've checked your order — it leaves our warehouse today.",
        "已经为您修改好了，请放心。", "I've sent you a code for 10% off your next order.",
    ];

    private static readonly string[] Names =
    [
        "刘洋", "Sophie Martin", "张伟", "Daniel Kim", "黄丽", "Olivia Brown", "赵磊", "Lucas Meyer", "孙婷", "Mia Rossi",
        "林佳怡", "James Wilson", "吴昊", "Chloe Dubois", "郑爽", "Noah Fischer",
    ];

    public static void Add(PortalDbContext db, Site site, IReadOnlyList<PortalUser> agents, DateTime now)
    {
        var random = new Random(20261126);
        var contacts = Names.Select(name => new Contact { SiteId = site.Id, Name = name, LastSeenAt = now.AddDays(-1) }).ToList();
        db.Contacts.AddRange(contacts);
        var today = now.Date;
        for (var daysAgo = Days; daysAgo >= 1; daysAgo--)
        {
            var day = today.AddDays(-daysAgo);
            var count = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? random.Next(8, 14) : random.Next(14, 24);
            for (var i = 0; i < count; i++)
            {
                var start = day.AddMinutes(random.Next(7 * 60, 23 * 60)).AddSeconds(random.Next(60));
                var contact = contacts[random.Next(contacts.Count)];
                var agent = agents[random.Next(agents.Count)];
                var kind = random.NextDouble();
                var conversation = kind < 0.45 ? BotResolved(site, contact, start, now, random)
                    : kind < 0.8 ? HandedOver(site, contact, agent, start, now, random)
                    : TakenByPerson(site, contact, agent, start, now, random);
                db.Conversations.Add(conversation.Conversation);
                db.Messages.AddRange(conversation.Messages);
            }
        }
    }

    private static PastConversation BotResolved(Site site, Contact contact, DateTime start, DateTime now, Random random)
    {
        var thread = new PastConversation(site, contact, start, botActive: true, now);
        thread.Say(MessageAuthor.Customer, Pick(Questions, random), TimeSpan.Zero);
        thread.Say(MessageAuthor.Bot, Pick(BotAnswers, random), TimeSpan.FromSeconds(random.Next(1, 4)));
        thread.Say(MessageAuthor.Customer, "谢谢 / Thanks!", TimeSpan.FromSeconds(random.Next(20, 180)));
        return thread.Close(TimeSpan.FromMinutes(random.Next(2, 15)));
    }

    private static PastConversation HandedOver(Site site, Contact contact, PortalUser agent, DateTime start, DateTime now, Random random)
    {
        var thread = new PastConversation(site, contact, start, botActive: true, now);
        thread.Say(MessageAuthor.Customer, Pick(Questions, random), TimeSpan.Zero);
        thread.Say(MessageAuthor.Bot, Pick(BotAnswers, random), TimeSpan.FromSeconds(random.Next(1, 4)));
        thread.Say(MessageAuthor.Customer, "我想找人工客服 / Can I talk to a person?", TimeSpan.FromSeconds(random.Next(20, 120)));
        thread.HandOver(TimeSpan.FromSeconds(1));
        thread.Answer(agent, Pick(AgentAnswers, random), WaitForPerson(random));
        thread.Say(MessageAuthor.Customer, "好的 / OK, thank you.", TimeSpan.FromSeconds(random.Next(30, 300)));
        return thread.Close(TimeSpan.FromMinutes(random.Next(5, 90)));
    }

    private static PastConversation TakenByPerson(Site site, Contact contact, PortalUser agent, DateTime start, DateTime now, Random random)
    {
        var thread = new PastConversation(site, contact, start, botActive: false, now);
        thread.Say(MessageAuthor.Customer, Pick(Questions, random), TimeSpan.Zero);
        thread.Conversation.AwaitingAgentSince = start;
        thread.Answer(agent, Pick(AgentAnswers, random), WaitForPerson(random));
        thread.Say(MessageAuthor.Customer, "Thanks!", TimeSpan.FromSeconds(random.Next(30, 600)));
        thread.Answer(agent, "不客气 / You're welcome.", TimeSpan.FromSeconds(random.Next(10, 120)));
        return thread.Close(TimeSpan.FromMinutes(random.Next(10, 300)));
    }

    /// <summary>Mostly under two minutes, with a tail of busy moments.</summary>
    private static TimeSpan WaitForPerson(Random random) =>
        TimeSpan.FromSeconds(random.NextDouble() < 0.85 ? random.Next(10, 120) : random.Next(180, 1200));

    private static string Pick(string[] lines, Random random) => lines[random.Next(lines.Length)];

    private sealed class PastConversation(Site site, Contact contact, DateTime start, bool botActive, DateTime now)
    {
        private DateTime _at = start;

        public Conversation Conversation { get; } = new()
        {
            SiteId = site.Id, ContactId = contact.Id, Channel = Channels.Web, BotActive = botActive, CreatedAt = start,
        };

        public List<Message> Messages { get; } = [];

        public void Say(MessageAuthor author, string text, TimeSpan after, PortalUser? agent = null)
        {
            _at += after;
            Messages.Add(new Message
            {
                ConversationId = Conversation.Id, Seq = ++Conversation.LastSeq, Author = author, Text = text, SentAt = _at,
                AuthorId = author switch { MessageAuthor.Agent => agent!.Id, MessageAuthor.Customer => contact.Id.ToString(), _ => null },
                AuthorName = author switch { MessageAuthor.Agent => agent!.DisplayName, MessageAuthor.Customer => contact.DisplayName, _ => BotName },
            });
            Conversation.LastMessagePreview = text;
        }

        public void HandOver(TimeSpan after)
        {
            _at += after;
            Conversation.BotActive = false;
            Conversation.HandedOverAt = Conversation.AwaitingAgentSince = _at;
        }

        public void Answer(PortalUser agent, string text, TimeSpan after)
        {
            Say(MessageAuthor.Agent, text, after, agent);
            Conversation.AssigneeId = agent.Id;
            Conversation.AssignedAt ??= Conversation.AwaitingAgentSince;
            Conversation.FirstRespondedAt ??= _at;
        }

        public PastConversation Close(TimeSpan after)
        {
            Conversation.LastMessageAt = _at;
            // Yesterday's late conversations would otherwise close in the future on an early-morning install.
            _at = _at + after < now ? _at + after : now;
            Conversation.Status = ConversationStatus.Closed;
            Conversation.ClosedAt = Conversation.LastActivityAt = _at;
            return this;
        }
    }
}
