// Classify latency and accuracy of the embedded intent model on the shipped held-out split (SPEC §5: p99 ≤ 5 ms).
//   dotnet run -c Release --project tools/Portal.Bench
using System.Diagnostics;
using Portal.Features.Bot;
using Portal.Features.Bot.Training;

var dataset = IntentDataset.LoadShipped();
var clock = Stopwatch.StartNew();
var model = IntentModelTrainer.Train(dataset);
var trainingSeconds = clock.Elapsed.TotalSeconds;
var classifier = new IntentClassifier();
classifier.Use("bench", model);
var heldOut = dataset.Where(e => e.IsHeldOut).ToList();

foreach (var example in heldOut)
    classifier.Classify(example.Text);

const int Rounds = 5;
var latencies = new List<double>(heldOut.Count * Rounds);
for (var round = 0; round < Rounds; round++)
{
    foreach (var example in heldOut)
    {
        var start = Stopwatch.GetTimestamp();
        classifier.Classify(example.Text);
        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
latencies.Sort();
double Percentile(double p) => latencies[(int)Math.Ceiling(p * latencies.Count) - 1];

var evaluation = IntentModelEvaluator.Evaluate(model, heldOut);
Console.WriteLine($"training: {trainingSeconds:F1} s on {dataset.Count(e => !e.IsHeldOut)} examples (plus typo copies)");
Console.WriteLine($"classify over {latencies.Count} calls after warm-up: p50 {Percentile(0.50):F3} ms, p99 {Percentile(0.99):F3} ms, max {latencies[^1]:F3} ms");
Console.WriteLine($"held-out accuracy: all {evaluation.Overall.Accuracy:P1} of {evaluation.Overall.Examples}");
foreach (var locale in evaluation.ByLocale)
{
    var worst = locale.PerIntent.Where(i => i.Support > 0).MinBy(i => i.Recall)!;
    Console.WriteLine($"  {locale.Locale}: {locale.Accuracy:P1} of {locale.Examples}; lowest recall {worst.Intent} {worst.Recall:P1}");
}
