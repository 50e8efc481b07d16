namespace Portal.Features.Bot.Annotation;

/// <summary>
/// A customer message the bot classified, kept so people can label it with the right intent and the bot can learn
/// from it (a labelled utterance becomes a training example, see <see cref="Training.TrainingExamples"/>).
/// </summary>
public sealed class BotUtterance
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ConversationId { get; set; }
    public Guid MessageId { get; set; }
    public Guid SiteId { get; set; }

    /// <summary>The message as the customer wrote it.</summary>
    public required string Text { get; set; }

    public required string NormalizedText { get; set; }
    public required string PredictedIntent { get; set; }
    public double Confidence { get; set; }

    /// <summary>The model version that classified it; null when no model was ready.</summary>
    public string? ModelVersion { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>The intent a person gave it (one of <see cref="Intents.All"/>), or null until labelled.</summary>
    public string? Label { get; set; }

    public string? LabeledById { get; set; }
    public DateTime? LabeledAt { get; set; }
}
