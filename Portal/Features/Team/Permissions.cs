namespace Portal.Features.Team;

/// <summary>A capability that roles grant; its name is also the name of the authorization policy that requires it.</summary>
public sealed record PermissionInfo(string Name, string Group, string Description);

/// <summary>
/// The permission catalog (issue #3). Roles hold permissions as role claims of type <see cref="ClaimType"/>;
/// every page, endpoint and hub method names the permission it needs.
/// </summary>
public static class Permissions
{
    public const string ClaimType = "portal:permission";

    public const string ConversationsViewAll = "conversations.view.all";
    public const string ConversationsReply = "conversations.reply";
    public const string ConversationsAssign = "conversations.assign";
    public const string ConversationsDelete = "conversations.delete";
    public const string OrdersView = "orders.view";
    public const string OrdersCancel = "orders.cancel";
    public const string OrdersRefund = "orders.refund";
    public const string OrdersDelete = "orders.delete";
    public const string OrdersRestore = "orders.restore";
    public const string OrdersSync = "orders.sync";
    public const string CustomersExport = "customers.export";
    public const string TeamManage = "team.manage";
    public const string ShiftsManage = "shifts.manage";
    public const string RoutingManage = "routing.manage";
    public const string ChannelsManage = "channels.manage";
    public const string BotTrain = "bot.train";
    public const string ReportsView = "reports.view";
    public const string AuditView = "audit.view";
    public const string SettingsManage = "settings.manage";

    public static readonly IReadOnlyList<PermissionInfo> All =
    [
        new(ConversationsViewAll, "Conversations", "See every conversation, not only their own and unassigned ones"),
        new(ConversationsReply, "Conversations", "Reply to customers and write private notes"),
        new(ConversationsAssign, "Conversations", "Assign, transfer, close and reopen conversations"),
        new(ConversationsDelete, "Conversations", "Delete conversations"),
        new(OrdersView, "Orders", "See a customer's orders"),
        new(OrdersCancel, "Orders", "Cancel orders"),
        new(OrdersRefund, "Orders", "Request refunds"),
        new(OrdersDelete, "Orders", "Delete orders (soft delete)"),
        new(OrdersRestore, "Orders", "Restore deleted orders"),
        new(OrdersSync, "Orders", "Push and sync the shop's orders through the API"),
        new(CustomersExport, "Customers", "Export customer data"),
        new(TeamManage, "Team", "Create, edit and deactivate people; manage roles"),
        new(ShiftsManage, "Team", "Edit shift templates and the schedule"),
        new(RoutingManage, "Team", "Manage teams, queues and routing rules"),
        new(ChannelsManage, "Settings", "Manage sites and channels"),
        new(BotTrain, "Bot", "Train and configure the bot"),
        new(ReportsView, "Reports", "See reports and the live dashboard"),
        new(AuditView, "Audit", "See and export the audit log"),
        new(SettingsManage, "Settings", "Change system settings and see background jobs"),
    ];

    public static readonly IReadOnlySet<string> Names = All.Select(p => p.Name).ToHashSet();
}
