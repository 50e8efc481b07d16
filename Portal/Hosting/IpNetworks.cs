using System.Net;
using System.Net.Sockets;

namespace Portal.Hosting;

/// <summary>Addresses and CIDR networks as settings write them (<c>127.0.0.1</c>, <c>10.0.0.0/8</c>, <c>::1</c>).</summary>
public static class IpNetworks
{
    /// <summary>The network a setting names (a single address is a /32 or /128), or null when it names none.</summary>
    public static IPNetwork? TryParse(string text)
    {
        var trimmed = text.Trim();
        if (IPNetwork.TryParse(trimmed, out var network))
            return network;
        return IPAddress.TryParse(trimmed, out var address)
            ? new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }

    /// <summary>Whether <paramref name="address"/> (also as IPv4 when it is an IPv4-mapped IPv6 address) is in one of the networks.</summary>
    public static bool Contain(IEnumerable<string> networks, IPAddress? address)
    {
        if (address is null)
            return false;
        var candidates = address.IsIPv4MappedToIPv6 ? new[] { address, address.MapToIPv4() } : [address];
        return networks.Select(TryParse).Any(n => n is { } network && candidates.Any(network.Contains));
    }
}
