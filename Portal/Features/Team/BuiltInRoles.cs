namespace Portal.Features.Team;

/// <summary>The roles every installation starts with, and what each may do.</summary>
public static class BuiltInRoles
{
    public const string Owner = "Owner";
    public const string Admin = "Admin";
    public const string Supervisor = "Supervisor";
    public const string Agent = "Agent";
    public const string Trainee = "Trainee";

    public sealed record Definition(string Name, string Description, IReadOnlyList<string> Permissions);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(Owner, "Owns the installation: everything, and cannot be locked out.", [.. Team.Permissions.Names]),
        new(Admin, "Runs the team and the settings.", [.. Team.Permissions.Names]),
        new(Supervisor, "Leads a shift: sees and reassigns every conversation, manages shifts and routing.",
        [
            Team.Permissions.ConversationsViewAll, Team.Permissions.ConversationsReply, Team.Permissions.ConversationsAssign,
            Team.Permissions.OrdersView, Team.Permissions.OrdersCancel, Team.Permissions.OrdersRefund,
            Team.Permissions.CustomersExport, Team.Permissions.ShiftsManage, Team.Permissions.RoutingManage,
            Team.Permissions.ReportsView, Team.Permissions.AuditView, Team.Permissions.BotTrain,
        ]),
        new(Agent, "Answers customers and handles their orders.",
        [
            Team.Permissions.ConversationsReply, Team.Permissions.ConversationsAssign,
            Team.Permissions.OrdersView, Team.Permissions.OrdersCancel, Team.Permissions.OrdersRefund,
        ]),
        new(Trainee, "Learning: answers customers and sees orders, but changes nothing.",
        [
            Team.Permissions.ConversationsReply, Team.Permissions.OrdersView,
        ]),
    ];
}
