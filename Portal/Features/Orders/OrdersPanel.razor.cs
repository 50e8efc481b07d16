using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Features.Contacts;
using Portal.Features.Team;

namespace Portal.Features.Orders;

/// <summary>
/// The customer's orders beside their conversation, with the actions the signed-in user holds the permission for.
/// Kept live by <see cref="OrderEvents"/>: a change from another agent or the shop's sync shows at once.
/// </summary>
public sealed partial class OrdersPanel : IDisposable
{
    private IReadOnlyList<OrderDto> _orders = [];
    private UserAccess _access = UserAccess.None;
    private string _userId = "";
    private Contact? _shownContact;
    private bool _showDeleted;
    private bool _busy;
    private IDisposable? _subscription;

    [Parameter, EditorRequired] public Contact Contact { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private OrderActions Actions { get; set; } = default!;
    [Inject] private OrderEvents Events { get; set; } = default!;
    [Inject] private AccessDirectory AccessDirectory { get; set; } = default!;
    [Inject] private CircuitActor Actor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _userId = CurrentAgent.From((await AuthenticationState).User).Id;
        _access = await AccessDirectory.GetAsync(_userId);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(Contact, _shownContact))
            return;
        _shownContact = Contact;
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // After the first render, so prerendering leaves no subscription behind.
        if (firstRender)
            _subscription = Events.Subscribe(change => change.SiteId == Contact.SiteId
                ? InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); })
                : Task.CompletedTask);
    }

    private async Task LoadAsync()
    {
        if (!_access.Has(Permissions.OrdersView))
            return;
        _orders = await Queries.ForContactAsync(Contact, _showDeleted && _access.Has(Permissions.OrdersRestore));
    }

    private async Task ShowDeletedAsync(bool show)
    {
        _showDeleted = show;
        await LoadAsync();
    }

    private IEnumerable<OrderAction> ActionsFor(OrderDto order) =>
        Enum.GetValues<OrderAction>().Where(action =>
            _access.Has(OrderRules.PermissionFor(action)) && OrderRules.Allows(action, order.Status, order.IsDeleted));

    private async Task ActAsync(OrderDto order, OrderAction action)
    {
        // Asked again, not taken from the page: a role may have changed since it was drawn.
        _access = await AccessDirectory.GetAsync(_userId);
        if (!_access.Has(OrderRules.PermissionFor(action)))
        {
            Snackbar.Add("You no longer have the permission for this.", Severity.Warning);
            await LoadAsync();
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"{Label(action)} order {order.Number}?", Consequence(action), yesText: Confirmation(action), cancelText: "Go back");
        if (confirmed != true)
            return;

        _busy = true;
        try
        {
            await Actions.ApplyAsync(order.Id, action, await Actor.GetAsync());
            Snackbar.Add(Done(action, order.Number), Severity.Success);
        }
        catch (Exception ex) when (ex is OrderActionRefusedException or OrderNotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    private static string Label(OrderAction action) => action switch
    {
        OrderAction.Cancel => "Cancel",
        OrderAction.RequestRefund => "Request refund",
        OrderAction.Delete => "Delete",
        _ => "Restore",
    };

    private static string Confirmation(OrderAction action) => action switch
    {
        OrderAction.Cancel => "Cancel order",
        OrderAction.RequestRefund => "Request refund",
        OrderAction.Delete => "Delete order",
        _ => "Restore order",
    };

    private static string Consequence(OrderAction action) => action switch
    {
        OrderAction.Cancel => "The order will be marked cancelled. This is recorded in the audit log.",
        OrderAction.RequestRefund => "A refund will be requested for the order. This is recorded in the audit log.",
        OrderAction.Delete => "The order will be hidden from the team until an admin restores it. This is recorded in the audit log.",
        _ => "The order will be shown again. This is recorded in the audit log.",
    };

    private static string Done(OrderAction action, string number) => action switch
    {
        OrderAction.Cancel => $"Order {number} cancelled",
        OrderAction.RequestRefund => $"Refund requested for order {number}",
        OrderAction.Delete => $"Order {number} deleted",
        _ => $"Order {number} restored",
    };

    private static Color ActionColor(OrderAction action) => action switch
    {
        OrderAction.Cancel => Color.Warning,
        OrderAction.Delete => Color.Error,
        _ => Color.Primary,
    };

    private static Color StatusColor(OrderStatus status) => status switch
    {
        OrderStatus.Paid => Color.Info,
        OrderStatus.Shipped => Color.Primary,
        OrderStatus.Delivered => Color.Success,
        OrderStatus.RefundRequested => Color.Warning,
        OrderStatus.Refunded => Color.Secondary,
        _ => Color.Default,
    };

    private static string SizeAndColor(OrderItem item) =>
        string.Join(", ", new[] { item.Size, item.Color }.Where(v => !string.IsNullOrWhiteSpace(v))) is { Length: > 0 } variant ? $" · {variant}" : "";

    public void Dispose() => _subscription?.Dispose();
}
