namespace Portal.Tests.Infrastructure;

/// <summary>Browser tests share one app and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<PortalAppFactory>, ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "browser";
}
