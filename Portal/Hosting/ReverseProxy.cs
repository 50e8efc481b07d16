using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Hosting;

/// <summary>The reverse proxies in front of Portal (<c>Portal:ReverseProxy</c>), e.g. nginx in scale-out mode (deploy/nginx.conf).</summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    /// <summary>
    /// Addresses or CIDR networks of the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed, so
    /// per-address flood limits, the audit log and the metrics allowlist see the customer's address, not the proxy's.
    /// Empty: the headers are ignored, and nobody can claim another address by sending them.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies.Where(p => IpNetworks.TryParse(p) is null))
            yield return new ValidationResult($"Portal:ReverseProxy:TrustedProxies has '{proxy}', which is neither an IP address nor a CIDR network.",
                [nameof(TrustedProxies)]);
    }
}

public static class ReverseProxy
{
    public static WebApplicationBuilder AddReverseProxySupport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReverseProxyOptions>().BindConfiguration("Portal:ReverseProxy").ValidateDataAnnotations().ValidateOnStart();
        var trusted = builder.Configuration.GetSection("Portal:ReverseProxy").Get<ReverseProxyOptions>()?.TrustedProxies ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Without named proxies nothing is read: with empty lists the middleware would believe every sender.
            forwarded.ForwardedHeaders = trusted.Count > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            // Only the configured proxies, not ASP.NET Core's default of loopback: a proxy on the same machine must be named too.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var network in trusted.Select(IpNetworks.TryParse).OfType<System.Net.IPNetwork>())
                forwarded.KnownIPNetworks.Add(network);
        });
        return builder;
    }
}
