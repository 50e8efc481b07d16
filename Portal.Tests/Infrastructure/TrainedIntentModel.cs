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
    private static readonly Lazy<(IntentModel Model, IntentEvaluation Evaluation)> Shipped =
        new(() => IntentModelTrainer.TrainAndEvaluate(IntentDataset.LoadShipped()));

    public static void InstallInto(string dataDirectory)
    {
        var store = new IntentModelStore(
            Options.Create(new PortalOptions { DataDirectory = dataDirectory }),
            new HostingEnvironment { ContentRootPath = dataDirectory });
        if (store.ActiveVersion is not null)
            return;
        var (model, evaluation) = Shipped.Value;
        store.Save(IntentModelStore.ShippedVersion, model, evaluation);
        store.Activate(IntentModelStore.ShippedVersion);
    }
}
