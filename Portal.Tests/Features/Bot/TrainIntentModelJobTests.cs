using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Features.Bot;
using Portal.Features.Bot.Training;
using Portal.Hosting;

namespace Portal.Tests.Features.Bot;

/// <summary>What a first start does: train the shipped model once, store it with its evaluation, and use it.</summary>
public sealed class TrainIntentModelJobTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", "job-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_first_start_trains_stores_and_activates_the_shipped_model_and_a_second_run_only_loads_it()
    {
        var store = new IntentModelStore(Options.Create(new PortalOptions { DataDirectory = _dataDirectory }),
            new HostingEnvironment { ContentRootPath = _dataDirectory });
        var classifier = new IntentClassifier();
        var job = new TrainIntentModelJob(store, classifier, NullLogger<TrainIntentModelJob>.Instance);

        await job.RunAsync();
        var trainedAt = File.GetLastWriteTimeUtc(Directory.GetFiles(_dataDirectory, "model.zip", SearchOption.AllDirectories).Single());
        await job.RunAsync();

        Assert.Equal(IntentModelStore.ShippedVersion, store.ActiveVersion);
        Assert.True(store.LoadEvaluation(IntentModelStore.ShippedVersion)!.Overall.Accuracy > 0.5);
        Assert.Equal(trainedAt, File.GetLastWriteTimeUtc(Directory.GetFiles(_dataDirectory, "model.zip", SearchOption.AllDirectories).Single()));
        Assert.Equal(Intents.OrderStatus, classifier.Classify("我的订单到哪了").Intent);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}
