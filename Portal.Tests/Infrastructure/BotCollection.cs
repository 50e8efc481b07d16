namespace Portal.Tests.Infrastructure;

/// <summary>An app with the bot answering first (the other shared apps have it off).</summary>
public sealed class BotPortalApp : IAsyncLifetime
{
    public PortalAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await PortalAppFactory.StartAsync(new Dictionary<string, string?> { ["Portal:Bot:Enabled"] = "true" });

    public Task DisposeAsync() => App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BotCollection : ICollectionFixture<BotPortalApp>, ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "Bot";
}
