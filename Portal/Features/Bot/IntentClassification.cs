namespace Portal.Features.Bot;

/// <summary>The answer of <c>POST /api/v1/bot/classify</c> (SPEC §4.6).</summary>
/// <param name="Intent">One of <see cref="Intents.All"/>, or <see cref="Intents.Unknown"/> for text without words.</param>
/// <param name="Confidence">The model's probability for the intent, 0–1; below about 0.5 the guess is weak.</param>
/// <param name="NormalizedText">The text as the bot reads it (see <see cref="Understanding.TextNormalizer"/>).</param>
public sealed record IntentClassification(string Intent, double Confidence, string NormalizedText);
