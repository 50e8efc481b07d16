using System.ComponentModel.DataAnnotations;
using Portal.Features.Monitoring.Traces;

namespace Portal.Tests.Features.Monitoring;

/// <summary>Portal:Telemetry as an operator writes it in appsettings.json.</summary>
public sealed class TracingOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("http://otel-collector:4317")]
    [InlineData("https://collector.example.com/v1/traces")]
    public void An_empty_or_http_collector_address_is_accepted(string endpoint) =>
        Assert.Empty(Errors(new TracingOptions { OtlpEndpoint = endpoint }));

    [Theory]
    [InlineData("otel-collector:4317")]
    [InlineData("grpc://otel-collector:4317")]
    [InlineData("not an address")]
    public void A_collector_address_that_is_not_http_is_refused_with_the_setting_named(string endpoint) =>
        Assert.Contains("Portal:Telemetry:OtlpEndpoint", Assert.Single(Errors(new TracingOptions { OtlpEndpoint = endpoint })).ErrorMessage);

    [Fact]
    public void Keeping_fewer_than_ten_traces_or_for_no_time_at_all_is_refused() =>
        Assert.Equal(2, Errors(new TracingOptions { KeptTraces = 5, KeptMinutes = 0 }).Count);

    private static List<ValidationResult> Errors(TracingOptions options)
    {
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        return errors;
    }
}
