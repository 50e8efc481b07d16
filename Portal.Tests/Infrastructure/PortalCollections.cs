namespace Portal.Tests.Infrastructure;

// Each collection gets one running app; collections run in parallel, the tests inside one run in turn.

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "REST API";
}

[CollectionDefinition(Name)]
public sealed class HubsCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "SignalR hubs";
}

/// <summary>The bot's training pipeline: its tests add training examples and train, which no other app should see.</summary>
[CollectionDefinition(Name)]
public sealed class BotTrainingCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "Bot training";
}
