using Portal.Components;
using Portal.Features.Audit;
using Portal.Features.Auth;
using Portal.Features.Bot;
using Portal.Features.Bot.Llm;
using Portal.Features.Catalog;
using Portal.Features.Contacts;
using Portal.Features.Conversations;
using Portal.Features.Demo;
using Portal.Features.Knowledge;
using Portal.Features.Monitoring.Traces;
using Portal.Features.Orders;
using Portal.Features.Routing;
using Portal.Features.Settings;
using Portal.Features.Shifts;
using Portal.Features.Sites;
using Portal.Features.Team;
using Portal.Features.Widget;
using Portal.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalDefaults();
builder.AddSites();
builder.AddContacts();
builder.AddConversations();
builder.AddWidget();
builder.AddTeam();
builder.AddSettings();
builder.AddConversationRouting();
builder.AddAudit();
builder.AddOrders();
builder.AddShifts();
builder.AddDemo();
builder.AddBot();
builder.AddKnowledge();
builder.AddCatalog();

var app = builder.Build();

app.UsePortalDefaults();
app.MapAuthApi();
app.MapSitesApi();
app.MapTeamApi();
app.MapRoutingApi();
app.MapConversationsApi();
app.MapWidgetApi();
app.MapAuditApi();
app.MapTracesApi();
app.MapOrdersApi();
app.MapShiftsApi();
app.MapDemo();
app.MapBotApi();
app.MapBotAssistantApi();
app.MapKnowledgeApi();
app.MapCatalogApi();
app.MapBotTrainingApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.PrepareAsync();
app.ScheduleRecurringJobs();
await app.RunAsync();

public partial class Program;
