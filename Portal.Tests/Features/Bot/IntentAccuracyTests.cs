using Portal.Features.Bot;
using Portal.Features.Bot.Training;
using Portal.Features.Bot.Understanding;
using Xunit.Abstractions;

namespace Portal.Tests.Features.Bot;

/// <summary>Issue #4's targets on the shipped held-out split: ≥ 95 % top-1 overall and ≥ 85 % for every intent, per language.</summary>
public sealed class IntentAccuracyTests(ShippedIntentModel shipped, ITestOutputHelper output) : IClassFixture<ShippedIntentModel>
{
    private static readonly string[] Locales = ["en", "zh-Hans", "zh-Hant"];

    // A quarter of the hand-written phrasings of intents/*.txt is held out, but the generator gives each training
    // phrasing more decorated variants than a test one, and intents/training-only/ is never held out, so about a tenth
    // of the rows are held out.
    [Fact]
    public void The_dataset_covers_every_intent_in_every_locale_with_a_quarter_of_the_phrasings_held_out()
    {
        foreach (var intent in Intents.All)
        {
            foreach (var locale in Locales)
            {
                var rows = shipped.Dataset.Where(e => e.Intent == intent && e.Locale == locale).ToList();
                Assert.True(rows.Count >= 120, $"{intent} {locale} has {rows.Count} examples");
                Assert.InRange(rows.Count(e => e.IsHeldOut) / (double)rows.Count, 0.08, 0.15);
            }
        }
    }

    [Fact]
    public void No_held_out_sentence_is_also_a_training_sentence()
    {
        var training = shipped.Dataset.Where(e => !e.IsHeldOut).Select(e => TextNormalizer.Normalize(e.Text)).ToHashSet();
        var leaked = shipped.Dataset.Where(e => e.IsHeldOut && training.Contains(TextNormalizer.Normalize(e.Text))).Select(e => e.Text).ToList();
        Assert.Empty(leaked);
    }

    // Issue #4's target is at least 95 % overall and 85 % for every intent in every language. The shipped data and recipe
    // reach 96.7 % overall (en 96.3 %, zh-Hans 97.0 %, zh-Hant 97.3 %, worst intent 91.9 %; docs/benchmarks.md), so
    // the floors sit just under what is measured and a regression below the target cannot pass.
    private const double OverallFloor = 0.96;
    private const double LocaleFloor = 0.95;
    private const double IntentFloor = 0.90;

    [Fact]
    public void Held_out_accuracy_stays_at_or_above_what_the_shipped_data_reaches_in_every_language()
    {
        Report();
        Assert.True(shipped.Evaluation.Overall.Accuracy >= OverallFloor, $"overall {shipped.Evaluation.Overall.Accuracy:P1}");
        foreach (var locale in shipped.Evaluation.ByLocale)
            Assert.True(locale.Accuracy >= LocaleFloor, $"{locale.Locale} {locale.Accuracy:P1}");
    }

    [Fact]
    public void No_intent_falls_below_the_per_intent_floor_in_any_language()
    {
        var misses = shipped.Evaluation.ByLocale
            .SelectMany(locale => locale.PerIntent.Where(i => i.Support > 0 && i.Recall < IntentFloor).Select(i => $"{locale.Locale} {i.Intent} {i.Recall:P0}"))
            .ToList();
        Assert.Empty(misses);
    }

    [Theory]
    [InlineData("羽絨服什麼時候發貨", "羽绒服什么时候发货")]
    [InlineData("我的訂單到哪了", "我的订单到哪了")]
    public void Traditional_and_Simplified_get_the_same_intent(string traditional, string simplified) =>
        Assert.Equal(Classify(simplified), Classify(traditional));

    [Theory]
    [InlineData("买一送一还有吗", Intents.Promotion)]
    [InlineData("買一送一還有嗎", Intents.Promotion)]
    [InlineData("我要投诉", Intents.Complaint)]
    [InlineData("转人工", Intents.HumanAgent)]
    [InlineData("亲，在吗", Intents.Greeting)]
    [InlineData("啥时候发货", Intents.ShippingTime)]
    [InlineData("where's my parcel", Intents.OrderStatus)]
    [InlineData("wrong size can I swap", Intents.Exchange)]
    [InlineData("订单2024112300123到哪了", Intents.OrderStatus)]
    public void Shoppers_everyday_phrases_get_their_intent(string text, string intent) =>
        Assert.Equal(intent, Classify(text));

    [Theory]
    [InlineData("")]
    [InlineData("🙂🙂🙂")]
    [InlineData("？！。…")]
    public void Text_without_words_is_unknown(string text) =>
        Assert.Equal(new IntentPrediction(Intents.Unknown, 0), shipped.Model.Predict(TextNormalizer.Normalize(text)));

    [Fact]
    public void Garbage_gets_a_low_confidence_guess() =>
        Assert.True(shipped.Model.Predict(TextNormalizer.Normalize("qzxv blorp 8Ω")).Confidence < 0.5);

    private string Classify(string text) => shipped.Model.Predict(TextNormalizer.Normalize(text)).Intent;

    private void Report()
    {
        var evaluation = shipped.Evaluation;
        output.WriteLine($"trained and evaluated in {shipped.TrainingTime.TotalSeconds:F1} s; overall {evaluation.Overall.Accuracy:P2} of {evaluation.Overall.Examples}");
        foreach (var locale in evaluation.ByLocale)
        {
            var worst = locale.PerIntent.Where(i => i.Support > 0).MinBy(i => i.Recall)!;
            output.WriteLine($"{locale.Locale}: {locale.Accuracy:P2} of {locale.Examples}; worst recall {worst.Intent} {worst.Recall:P1}");
            output.WriteLine("  " + string.Join(", ", locale.PerIntent.Where(i => i.Support > 0).Select(i => $"{i.Intent} {i.Recall:P0}")));
        }
        var matrix = evaluation.Confusion;
        for (var actual = 0; actual < matrix.Intents.Count; actual++)
        {
            for (var predicted = 0; predicted < matrix.Intents.Count; predicted++)
            {
                if (actual != predicted && matrix.Counts[actual][predicted] > 0)
                    output.WriteLine($"  {matrix.Intents[actual]} → {matrix.Intents[predicted]}: {matrix.Counts[actual][predicted]}");
            }
        }
    }
}
