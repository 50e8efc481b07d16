using Portal.Features.Bot.Training;
using Portal.Features.Bot.Understanding;

namespace Portal.Features.Bot;

/// <summary>
/// Classifies shoppers' messages with the active intent model. Thread-safe; until a model is ready
/// (<see cref="IsReady"/>), every message is <see cref="Intents.Unknown"/> with confidence 0.
/// </summary>
public sealed class IntentClassifier
{
    private volatile ActiveModel? _active;

    public bool IsReady => _active is not null;

    /// <summary>The version of the model in use, or null before one is ready.</summary>
    public string? ActiveVersion => _active?.Version;

    /// <summary>Never throws: empty, emoji-only, garbage or very long text gets an answer (see <see cref="IntentModel.Predict"/>).</summary>
    public IntentClassification Classify(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (_active is not { } active)
            return new IntentClassification(Intents.Unknown, 0, normalized);
        var prediction = active.Model.Predict(normalized);
        return new IntentClassification(prediction.Intent, Math.Round(prediction.Confidence, 4), normalized);
    }

    /// <summary>Switches to another model; calls already running finish on the previous one.</summary>
    public void Use(string version, IntentModel model) => _active = new ActiveModel(version, model);

    private sealed record ActiveModel(string Version, IntentModel Model);
}
