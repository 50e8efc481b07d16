using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Portal.Tests.Deploy;

/// <summary>
/// A configuration source that holds nothing and writes down every key the app asks for. Added after every other
/// source it is asked first, so it sees each lookup: options bound at start, direct reads and the sections whose
/// children are listed (lists such as <c>Portal:ReverseProxy:TrustedProxies</c>).
/// </summary>
public sealed class ConfigurationReads : IConfigurationSource, IConfigurationProvider
{
    private readonly ConcurrentDictionary<string, bool> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _listedSections = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the app read this key (':'-separated), or, for an element of a list (<c>…:TrustedProxies:0</c>), listed its section.
    /// </summary>
    public bool WasRead(string key)
    {
        if (_keys.ContainsKey(key))
            return true;
        var segments = key.Split(':');
        var listElement = segments.Length > 1 && int.TryParse(segments[^1], out _);
        return listElement && _listedSections.ContainsKey(string.Join(':', segments[..^1]));
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public bool TryGet(string key, out string? value)
    {
        _keys[key] = true;
        value = null;
        return false;
    }

    public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        if (parentPath is not null)
            _listedSections[parentPath] = true;
        return earlierKeys;
    }

    public void Set(string key, string? value)
    {
        // Holds nothing: values come from the app's real sources.
    }

    public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);

    public void Load()
    {
        // Nothing to load.
    }
}
