using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Portal.Features.Bot.Training;
using Portal.Hosting;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The shipped intent model, trained once per test run and stored into each test app's data directory before it
/// starts, so the apps load it in milliseconds instead of each training its own on two shared cores.
/// </summary>
public static class TrainedIntentModel
{
    private static readonly Lazy<Trained> ShippedModel = new(() =>
    {
        var dataset = IntentDataset.LoadShipped();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (model, evaluation) = IntentModelTrainer.TrainAndEvaluate(dataset);
        return new Trained(dataset, model, evaluation, clock.Elapsed);
    });

    /// <summary>The shipped dataset, the model trained on its training split and its held-out evaluation.</summary>
    public sealed record Trained(IReadOnlyList<IntentExample> Dataset, IntentModel Model, IntentEvaluation Evaluation, TimeSpan TrainingTime);

    /// <summary>Trained on first use, once per test run (training the shipped data takes tens of seconds).</summary>
    public static Trained Shipped => ShippedModel.Value;

    public static void InstallInto(string dataDirectory)
    {
        var store = new IntentModelStore(
            Options.Create(new PortalOptions { DataDirectory = dataDirectory }),
            new HostingEnvironment { ContentRootPath = dataDirectory });
        if (store.ActiveVersion is not null)
            return;
        store.Save(IntentModelStore.ShippedVersion, Shipped.Model, Shipped.Evaluation);
        store.Activate(IntentModelStore.ShippedVersion);
    }
}
