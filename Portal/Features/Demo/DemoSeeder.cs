using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Sites;
using Portal.Features.Team;

namespace Portal.Features.Demo;

/// <summary>
/// First-start demo data (SPEC §3): the "Demo Shop" site that <c>/demo</c> embeds, two demo agents and a few
/// conversations. Runs once: if the demo site exists, nothing is touched.
/// </summary>
public sealed class DemoSeeder(
    PortalDbContext db, UserManager<PortalUser> users, AccountSeeder accounts, IOptions<DemoOptions> options, TimeProvider clock)
{
    public static readonly (string Email, string Name, string Role)[] People =
    [
        ("agent1@portal.local", "李娜 Li Na", BuiltInRoles.Agent),
        ("agent2@portal.local", "Tom Parker", BuiltInRoles.Agent),
        ("supervisor@portal.local", "周敏 Zhou Min", BuiltInRoles.Supervisor),
        ("trainee@portal.local", "陈小雨 Chen Xiaoyu", BuiltInRoles.Trainee),
    ];

    public async Task SeedAsync()
    {
        var demo = options.Value;
        if (await db.Sites.AnyAsync(s => s.SiteKey == demo.SiteKey))
            return;

        var agents = new List<PortalUser>();
        foreach (var (email, name, role) in People)
            agents.Add(await users.FindByEmailAsync(email) ?? await accounts.CreateAsync(email, name, demo.AgentPassword, role));

        var site = new Site
        {
            Name = "Demo Shop",
            SiteKey = demo.SiteKey,
            IdentitySecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        };
        db.Sites.Add(site);

        var now = clock.GetUtcNow().UtcDateTime;
        AddConversation(site, now.AddMinutes(-42), null,
            new Contact { SiteId = site.Id, Name = "王芳", Email = "wangfang@example.com", Locale = "zh-CN", TimeZone = "Asia/Shanghai",
                CurrentPageUrl = "/demo#down-jacket", CurrentPageTitle = "羽绒服 Down jacket – Demo Shop",
                Browser = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile Safari",
                Attributes = new() { ["会员等级"] = "金卡", ["cartValue"] = "¥1,299" } },
            (MessageAuthor.Customer, "你好，我的订单 1002 什么时候发货？"),
            (MessageAuthor.Customer, "我下周要出差，想在周五前收到。"));
        AddConversation(site, now.AddMinutes(-15), agents[1],
            new Contact { SiteId = site.Id, Name = "Emily Carter", Email = "emily.carter@example.com", Locale = "en", TimeZone = "America/New_York",
                CurrentPageUrl = "/demo#sneakers", CurrentPageTitle = "Everyday sneakers – Demo Shop",
                Browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Chrome/131.0", Attributes = new() { ["plan"] = "VIP" } },
            (MessageAuthor.Customer, "Hi! Do the everyday sneakers run true to size?"),
            (MessageAuthor.Agent, "Hi Emily, they run half a size small; most customers order one half size up."),
            (MessageAuthor.Customer, "Great, then I'll take a 39. Can I still exchange if they don't fit?"));
        AddConversation(site, now.AddHours(-5), agents[0],
            new Contact { SiteId = site.Id, Name = "陳志明", Locale = "zh-TW", TimeZone = "Asia/Taipei",
                CurrentPageUrl = "/demo#wool-coat", CurrentPageTitle = "羊毛大衣 – Demo Shop", Browser = "Mozilla/5.0 (Windows NT 10.0) Edge/131.0" },
            (MessageAuthor.Customer, "請問羽絨服有黑色 M 號嗎？"),
            (MessageAuthor.Agent, "您好，黑色 M 號目前有現貨，今天下單明天出貨。"),
            (MessageAuthor.Customer, "好的，謝謝！"))
            .Status = ConversationStatus.Closed;

        await db.SaveChangesAsync();
    }

    private Conversation AddConversation(Site site, DateTime start, PortalUser? assignee, Contact contact,
        params (MessageAuthor Author, string Text)[] lines)
    {
        db.Contacts.Add(contact);
        var conversation = new Conversation
        {
            SiteId = site.Id, ContactId = contact.Id, AssigneeId = assignee?.Id, CreatedAt = start, Channel = Channels.Web,
        };
        var at = start;
        foreach (var (author, text) in lines)
        {
            at = at.AddMinutes(2);
            db.Messages.Add(new Message
            {
                ConversationId = conversation.Id,
                Seq = ++conversation.LastSeq,
                Author = author,
                AuthorId = author == MessageAuthor.Agent ? assignee!.Id : contact.Id.ToString(),
                AuthorName = author == MessageAuthor.Agent ? assignee!.DisplayName : contact.DisplayName,
                Text = text,
                SentAt = at,
            });
            conversation.UnreadByAgents = author == MessageAuthor.Customer ? conversation.UnreadByAgents + 1 : 0;
            conversation.LastMessagePreview = text;
        }
        conversation.LastMessageAt = conversation.LastActivityAt = contact.LastSeenAt = at;
        db.Conversations.Add(conversation);
        return conversation;
    }
}
