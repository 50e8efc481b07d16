using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Data;

namespace Portal.Features.Shifts;

/// <summary>
/// The agent's presence in the app bar: a coloured dot and a menu to choose online, away or offline. Shows changes
/// made elsewhere (idle, another tab, the hub) live, and reports mouse and keyboard activity at most once a minute.
/// </summary>
public sealed partial class PresenceMenu
{
    private static readonly Presence[] Choices = [Presence.Online, Presence.Away, Presence.Offline];

    private Presence _presence;
    private string? _userId;
    private IDisposable? _subscription;
    private IJSObjectReference? _activityWatch;
    private DotNetObjectReference<PresenceMenu>? _self;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private AgentPresence AgentPresence { get; set; } = default!;
    [Inject] private PresenceNotifier Notifier { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _userId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (_userId is not null)
            _presence = await AgentPresence.GetAsync(_userId);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // After the first render only: prerendering has no browser to talk to and must leave no subscription behind.
        if (!firstRender || _userId is null)
            return;
        _subscription = Notifier.Subscribe(change => change.UserId == _userId
            ? InvokeAsync(() =>
            {
                _presence = change.Presence;
                StateHasChanged();
            })
            : Task.CompletedTask);
        _self = DotNetObjectReference.Create(this);
        await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Shifts/PresenceMenu.razor.js");
        _activityWatch = await module.InvokeAsync<IJSObjectReference>("watchActivity", _self);
    }

    [JSInvokable]
    public Task ReportActivity() => _userId is null ? Task.CompletedTask : AgentPresence.ActiveAsync(_userId);

    private async Task ChooseAsync(Presence presence)
    {
        if (_userId is null)
            return;
        await AgentPresence.SetAsync(_userId, presence);
        _presence = presence;
    }

    internal static string Name(Presence presence) => presence.ToString().ToLowerInvariant();

    internal static string Label(Presence presence) => presence.ToString();

    internal static Color ColorOf(Presence presence) => presence switch
    {
        Presence.Online => Color.Success,
        Presence.Away => Color.Warning,
        _ => Color.Default,
    };

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_activityWatch is not null)
        {
            try
            {
                await _activityWatch.InvokeVoidAsync("dispose");
                await _activityWatch.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone, and its listeners with it.
            }
        }
        _self?.Dispose();
    }
}
