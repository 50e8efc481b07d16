using Portal.Features.Console;
using Portal.Features.Conversations;

namespace Portal.Tests.Features.Console;

public sealed class ConsoleListTests
{
    private const string Me = "agent-me";
    private static readonly Viewer Agent = new(Me, CanViewAll: false);
    private static readonly Viewer Supervisor = new(Me, CanViewAll: true);
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_customer_conversation_appears_at_the_top_of_All()
    {
        var older = Conversation(minutesAgo: 5);
        var arriving = Conversation(minutesAgo: 0);

        var list = ConsoleList.Apply([older], arriving, ConsoleView.All, ConversationStatus.Open, Supervisor, query: "");

        Assert.Equal([arriving.Id, older.Id], list.Select(c => c.Id));
    }

    [Fact]
    public void A_conversation_assigned_to_someone_else_leaves_Unassigned()
    {
        var conversation = Conversation(minutesAgo: 1);
        var assigned = conversation with { AssigneeId = "agent-other" };

        var list = ConsoleList.Apply([conversation], assigned, ConsoleView.Unassigned, null, Supervisor, query: "");

        Assert.Empty(list);
    }

    [Fact]
    public void A_conversation_assigned_to_me_joins_Mine_and_is_updated_not_duplicated()
    {
        var mine = Conversation(minutesAgo: 1) with { AssigneeId = Me };

        var once = ConsoleList.Apply([], mine, ConsoleView.Mine, null, Supervisor, query: "");
        var twice = ConsoleList.Apply(once, mine with { Unread = 3 }, ConsoleView.Mine, null, Supervisor, query: "");

        Assert.Equal(3, Assert.Single(twice).Unread);
    }

    [Fact]
    public void A_closed_conversation_leaves_the_Open_filter_but_stays_under_All_statuses()
    {
        var conversation = Conversation(minutesAgo: 1);
        var closed = conversation with { Status = ConversationStatus.Closed };

        Assert.Empty(ConsoleList.Apply([conversation], closed, ConsoleView.All, ConversationStatus.Open, Supervisor, ""));
        Assert.Single(ConsoleList.Apply([conversation], closed, ConsoleView.All, null, Supervisor, ""));
    }

    [Fact]
    public void While_searching_new_conversations_wait_for_the_next_search_but_listed_ones_update()
    {
        var listed = Conversation(minutesAgo: 3);
        var arriving = Conversation(minutesAgo: 0);

        var list = ConsoleList.Apply([listed], arriving, ConsoleView.All, null, Supervisor, query: "jacket");
        list = ConsoleList.Apply(list, listed with { Unread = 2 }, ConsoleView.All, null, Supervisor, query: "jacket");

        Assert.Equal(2, Assert.Single(list).Unread);
    }

    [Fact]
    public void Without_view_all_an_agent_sees_under_All_only_their_own_and_unassigned_conversations()
    {
        var unassigned = Conversation(minutesAgo: 3);
        var mine = Conversation(minutesAgo: 2) with { AssigneeId = Me };
        var someoneElses = Conversation(minutesAgo: 1) with { AssigneeId = "agent-other" };

        IReadOnlyList<ConversationDto> list = [];
        foreach (var changed in new[] { unassigned, mine, someoneElses })
            list = ConsoleList.Apply(list, changed, ConsoleView.All, null, Agent, "");

        Assert.Equal([mine.Id, unassigned.Id], list.Select(c => c.Id));
    }

    [Fact]
    public void A_conversation_reassigned_away_from_an_agent_leaves_their_list()
    {
        var mine = Conversation(minutesAgo: 1) with { AssigneeId = Me };

        var list = ConsoleList.Apply([mine], mine with { AssigneeId = "agent-other" }, ConsoleView.All, null, Agent, "");

        Assert.Empty(list);
    }

    [Fact]
    public void A_session_without_messages_is_not_listed()
    {
        var empty = Conversation(minutesAgo: 0) with { LastSeq = 0 };

        Assert.Empty(ConsoleList.Apply([], empty, ConsoleView.All, null, Supervisor, ""));
    }

    private static ConversationDto Conversation(int minutesAgo) => new(
        Guid.NewGuid(), Guid.NewGuid(), "Demo Shop", Guid.NewGuid(), "Customer", ConversationStatus.Open, null, null, null, null, null, "web",
        LastSeq: 1, Unread: 1, "hello", Now.AddMinutes(-minutesAgo), Now.AddMinutes(-minutesAgo), Now.AddMinutes(-minutesAgo),
        BotActive: false, HandoverSummary: null);
}
