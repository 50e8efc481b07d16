namespace Portal.Features.Widget;

/// <summary>What a shop passes to <c>PortalChat.setUser</c>: its own user id, contact details and the identity hash.</summary>
public sealed record WidgetUser(string? Id, string? Name, string? Email, string? Phone, string? Hash, long? Ts);
