namespace Portal.Features.Bot.Training;

/// <summary>One labelled shopper utterance; <paramref name="IsHeldOut"/> rows belong to the test split and are never trained on.</summary>
public sealed record IntentExample(string Text, string Intent, string Locale, bool IsHeldOut);
