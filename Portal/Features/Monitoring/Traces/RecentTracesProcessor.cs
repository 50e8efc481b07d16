using System.Diagnostics;
using OpenTelemetry;

namespace Portal.Features.Monitoring.Traces;

/// <summary>Keeps each finished message span in <see cref="RecentTraces"/>, for <c>/admin/traces</c> and the console.</summary>
public sealed class RecentTracesProcessor(MessageTracing tracing, RecentTraces traces) : BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity)
    {
        // Another app in the same process (tests run several) has a source of the same name; its spans are not ours.
        if (activity.Source != tracing.Source)
            return;
        var tags = new Dictionary<string, string>();
        foreach (var (key, value) in activity.TagObjects)
        {
            if (value is not null)
                tags[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        var parent = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString();
        traces.Add(activity.TraceId.ToHexString(), new KeptSpan(
            activity.SpanId.ToHexString(), parent, activity.DisplayName, activity.StartTimeUtc, activity.Duration,
            activity.Status == ActivityStatusCode.Error, tags));
    }
}
