using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Knowledge;
using Portal.Features.Orders;
using Portal.Features.Shifts;
using Portal.Features.Sites;
using Portal.Features.Team;

namespace Portal.Features.Demo;

/// <summary>
/// First-start demo data (SPEC §3): the "Demo Shop" site that <c>/demo</c> embeds, two demo agents, a few
/// conversations (and two weeks of closed ones, <see cref="DemoHistory"/>) and the customers' orders, seeded once (if the demo site exists, only missing demo orders are added);
/// its FAQ articles and products, seeded when it has none (so what an admin deleted stays deleted); and demo shifts, kept current.
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
        await SeedShopAsync();
        await SeedShiftsAsync();
    }

    private async Task SeedShopAsync()
    {
        var demo = options.Value;
        if (await db.Sites.FirstOrDefaultAsync(s => s.SiteKey == demo.SiteKey) is { } seeded)
        {
            await SeedOrdersAsync(seeded);
            await SeedKnowledgeAsync(seeded);
            await SeedProductsAsync(seeded);
            return;
        }

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
            new Contact { SiteId = site.Id, ExternalId = "10086", Name = "王芳", Email = "wangfang@example.com", Locale = "zh-CN", TimeZone = "Asia/Shanghai",
                CurrentPageUrl = "/demo#down-jacket", CurrentPageTitle = "羽绒服 Down jacket – Demo Shop",
                Browser = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile Safari",
                Attributes = new() { ["会员等级"] = "金卡", ["cartValue"] = "¥1,299" } },
            (MessageAuthor.Customer, "你好，我的订单 1002 什么时候发货？"),
            (MessageAuthor.Customer, "我下周要出差，想在周五前收到。"));
        AddConversation(site, now.AddMinutes(-15), agents[1],
            new Contact { SiteId = site.Id, ExternalId = "20417", Name = "Emily Carter", Email = "emily.carter@example.com", Locale = "en", TimeZone = "America/New_York",
                CurrentPageUrl = "/demo#sneakers", CurrentPageTitle = "Everyday sneakers – Demo Shop",
                Browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Chrome/131.0", Attributes = new() { ["plan"] = "VIP" } },
            (MessageAuthor.Customer, "Hi! Do the everyday sneakers run true to size?"),
            (MessageAuthor.Agent, "Hi Emily, they run half a size small; most customers order one half size up."),
            (MessageAuthor.Customer, "Great, then I'll take a 39. Can I still exchange if they don't fit?"));
        var closed = AddConversation(site, now.AddHours(-5), agents[0],
            new Contact { SiteId = site.Id, Name = "陳志明", Phone = "+886 912 345 678", Locale = "zh-TW", TimeZone = "Asia/Taipei",
                CurrentPageUrl = "/demo#wool-coat", CurrentPageTitle = "羊毛大衣 – Demo Shop", Browser = "Mozilla/5.0 (Windows NT 10.0) Edge/131.0" },
            (MessageAuthor.Customer, "請問羽絨服有黑色 M 號嗎？"),
            (MessageAuthor.Agent, "您好，黑色 M 號目前有現貨，今天下單明天出貨。"),
            (MessageAuthor.Customer, "好的，謝謝！"));
        (closed.Status, closed.ClosedAt) = (ConversationStatus.Closed, now.AddHours(-4));
        DemoHistory.Add(db, site, agents[..3], now);

        await db.SaveChangesAsync();
        await SeedOrdersAsync(site);
        await SeedKnowledgeAsync(site);
        await SeedProductsAsync(site);
    }

    private async Task SeedKnowledgeAsync(Site site)
    {
        if (await db.KnowledgeArticles.AnyAsync(a => a.SiteId == site.Id))
            return;
        var now = clock.GetUtcNow();
        // Ids a millisecond apart keep the articles in the order written, which the bot's "first article of an intent" relies on.
        db.KnowledgeArticles.AddRange(DemoKnowledge.Articles.Select((article, i) => new KnowledgeArticle
        {
            Id = Guid.CreateVersion7(now.AddMilliseconds(i)),
            SiteId = site.Id,
            Title = article.Title,
            Body = article.Body,
            Keywords = article.Keywords,
            Intent = article.Intent,
            Locale = article.Locale,
            Published = true,
            UpdatedAt = now.UtcDateTime,
        }));
        await db.SaveChangesAsync();
    }

    private async Task SeedProductsAsync(Site site)
    {
        if (await db.Products.AnyAsync(p => p.SiteId == site.Id))
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var product in DemoProducts.Create())
        {
            (product.SiteId, product.UpdatedAt) = (site.Id, now);
            db.Products.Add(product);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The demo customers' orders; adds those whose numbers the site does not have yet.</summary>
    private async Task SeedOrdersAsync(Site site)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Order[] orders =
        [
            new() { Number = "1002", CustomerExternalId = "10086", CustomerName = "王芳", CustomerEmail = "wangfang@example.com",
                Status = OrderStatus.Paid, Total = 1299m, PlacedAt = now.AddHours(-26), ShippingAddress = "上海市浦东新区世纪大道 100 号",
                Items = [new("DJ-BLK-M", "羽绒服 Down jacket", 1, 1299m, "M", "黑色")] },
            new() { Number = "2024112300123", CustomerExternalId = "10086", CustomerName = "王芳", CustomerEmail = "wangfang@example.com",
                Status = OrderStatus.Shipped, Total = 358m, PlacedAt = now.AddDays(-4), ShippingAddress = "上海市浦东新区世纪大道 100 号",
                Carrier = "顺丰速运 SF Express", TrackingNumber = "SF1402857361249",
                Items = [new("SC-WOOL-GRY", "羊毛围巾 Wool scarf", 2, 179m, null, "灰色")] },
            new() { Number = "0987", CustomerExternalId = "10086", CustomerName = "王芳", CustomerEmail = "wangfang@example.com",
                Status = OrderStatus.Delivered, Total = 89m, PlacedAt = now.AddDays(-40),
                Carrier = "中通快递 ZTO", TrackingNumber = "ZTO75318642097", Items = [new("SK-COT-3", "棉袜三双装 Cotton socks (3 pairs)", 1, 89m)] },
            new() { Number = "1001", CustomerExternalId = "20417", CustomerName = "Emily Carter", CustomerEmail = "emily.carter@example.com",
                Status = OrderStatus.Delivered, Total = 139m, Currency = "USD", PlacedAt = now.AddDays(-12), ShippingAddress = "221 W 57th St, New York, NY 10019",
                Carrier = "UPS", TrackingNumber = "1Z999AA10123456784", Items = [new("SN-WHT-38", "Everyday sneakers", 1, 139m, "38", "White")] },
            new() { Number = "1004", CustomerExternalId = "20417", CustomerName = "Emily Carter", CustomerEmail = "emily.carter@example.com",
                Status = OrderStatus.Pending, Total = 278m, Currency = "USD", PlacedAt = now.AddMinutes(-20),
                Items = [new("SN-WHT-39", "Everyday sneakers", 1, 139m, "39", "White"), new("SN-BLK-39", "Everyday sneakers", 1, 139m, "39", "Black")] },
            new() { Number = "1003", CustomerName = "陳志明", CustomerPhone = "+886 912 345 678",
                Status = OrderStatus.Pending, Total = 1299m, PlacedAt = now.AddHours(-5), ShippingAddress = "台北市信義區松仁路 100 號",
                Items = [new("DJ-BLK-M", "羽絨服 Down jacket", 1, 1299m, "M", "黑色")] },
            new() { Number = "0990", CustomerName = "陳志明", CustomerPhone = "+886 912 345 678",
                Status = OrderStatus.Cancelled, Total = 1899m, PlacedAt = now.AddDays(-20), Items = [new("WC-CAM-L", "羊毛大衣 Wool coat", 1, 1899m, "L", "駝色")] },
        ];
        var existing = await db.Orders.Where(o => o.SiteId == site.Id).Select(o => o.Number).ToListAsync();
        foreach (var order in orders.Where(o => !existing.Contains(o.Number)))
        {
            order.SiteId = site.Id;
            order.UpdatedAt = order.PlacedAt;
            db.Orders.Add(order);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Morning, Evening and Night templates (Asia/Shanghai), with the demo people on them this week and next (and the Sunday before, whose night reaches into Monday).
    /// Routing gives conversations only to agents on shift, and a demo is started at any hour, so someone must
    /// always be on: agent1 and the supervisor work mornings, agent2 evenings, and agent1 also nights (a long day,
    /// but Night ends before Morning starts, so the schedule stays free of overlaps). Runs on every start but adds
    /// a person's weeks only when they have no shift from today on, so an admin's changes stay and a demo
    /// installed weeks ago still has people on shift.
    /// </summary>
    private async Task SeedShiftsAsync()
    {
        (string Name, TimeOnly Start, TimeOnly End, string Color)[] shifts =
        [
            ("Morning", new(8, 0), new(16, 0), "#0ea5e9"),
            ("Evening", new(16, 0), new(0, 0), "#f59e0b"),
            ("Night", new(22, 0), new(6, 0), "#6366f1"),
        ];
        const string zone = "Asia/Shanghai";
        var templates = new Dictionary<string, ShiftTemplate>();
        foreach (var (name, start, end, color) in shifts)
        {
            var template = await db.ShiftTemplates.FirstOrDefaultAsync(t => t.Name == name);
            if (template is null)
            {
                template = new ShiftTemplate { Name = name, Start = start, End = end, TimeZone = zone, Color = color, Weekdays = [.. Enum.GetValues<DayOfWeek>()] };
                db.ShiftTemplates.Add(template);
            }
            templates[name] = template;
        }

        var today = ShiftTimes.LocalDate(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone));
        var monday = ShiftTimes.WeekStart(today);
        (string Email, string[] Shifts)[] rota =
        [
            ("agent1@portal.local", ["Morning", "Night"]),
            ("agent2@portal.local", ["Evening"]),
            ("supervisor@portal.local", ["Morning"]),
        ];
        foreach (var (email, names) in rota)
        {
            if (await users.FindByEmailAsync(email) is not { } person
                || await db.ShiftAssignments.AnyAsync(a => a.UserId == person.Id && a.Date >= today))
                continue;
            foreach (var date in Enumerable.Range(-1, 15).Select(monday.AddDays))
            foreach (var name in names)
                db.ShiftAssignments.Add(new ShiftAssignment { UserId = person.Id, ShiftTemplateId = templates[name].Id, Date = date });
        }
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
            if (author == MessageAuthor.Customer)
                conversation.AwaitingAgentSince ??= at;
            else if (author == MessageAuthor.Agent)
                conversation.FirstRespondedAt ??= at;
            conversation.LastMessagePreview = text;
        }
        conversation.LastMessageAt = conversation.LastActivityAt = contact.LastSeenAt = at;
        db.Conversations.Add(conversation);
        return conversation;
    }
}
