using System.ComponentModel.DataAnnotations;
using Portal.Hosting;

namespace Portal.Features.Monitoring;

/// <summary>
/// Who may read <c>/metrics</c> (<c>Portal:Metrics</c> in appsettings.json). Open when neither is set; with both set,
/// a scrape must pass both.
/// </summary>
public sealed class MetricsAccessOptions : IValidatableObject
{
    /// <summary>A shared secret the scraper sends as <c>Authorization: Bearer …</c> (Prometheus: <c>authorization.credentials</c>).</summary>
    public string? Token { get; set; }

    /// <summary>Addresses or networks (CIDR) a scrape may come from, e.g. <c>127.0.0.1</c>, <c>10.0.0.0/8</c>, <c>::1</c>.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in AllowedNetworks.Where(n => IpNetworks.TryParse(n) is null))
            yield return new ValidationResult($"Portal:Metrics:AllowedNetworks has '{network}', which is neither an IP address nor a CIDR network.",
                [nameof(AllowedNetworks)]);
    }
}
