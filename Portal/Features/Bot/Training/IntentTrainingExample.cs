namespace Portal.Features.Bot.Training;

public enum TrainingExampleSource { Imported, Annotated }

/// <summary>
/// A training example added to the shipped dataset: imported from CSV, or a labelled utterance. Always in the
/// training split: the held-out split stays the shipped one, so evaluations of all versions compare.
/// </summary>
public sealed class IntentTrainingExample
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Text { get; set; }
    public required string Intent { get; set; }

    /// <summary>zh-Hans, zh-Hant or en.</summary>
    public required string Locale { get; set; }

    public TrainingExampleSource Source { get; set; }

    /// <summary>The utterance an annotated example was labelled from; unlabelling it removes the example.</summary>
    public Guid? UtteranceId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
