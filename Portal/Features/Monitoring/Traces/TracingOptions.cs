using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace Portal.Features.Monitoring.Traces;

/// <summary>Where message traces go (<c>Portal:Telemetry</c> in appsettings.json).</summary>
public sealed class TracingOptions : IValidatableObject
{
    public const string Section = "Portal:Telemetry";

    /// <summary>An OpenTelemetry collector to export traces to, e.g. <c>http://otel-collector:4317</c>; empty: traces stay in the app only.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318; the endpoint then ends in <c>/v1/traces</c>).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How many recent message traces <c>/admin/traces</c> keeps; the oldest go first.</summary>
    [Range(10, 100_000)]
    public int KeptTraces { get; set; } = 2000;

    /// <summary>How long a message trace is kept in the app.</summary>
    [Range(1, 24 * 60)]
    public int KeptMinutes { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint.Length > 0 && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult($"Portal:Telemetry:OtlpEndpoint '{OtlpEndpoint}' is not an http(s) address.", [nameof(OtlpEndpoint)]);
    }
}
