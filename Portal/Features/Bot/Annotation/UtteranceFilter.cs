namespace Portal.Features.Bot.Annotation;

public enum UtteranceLabelState { Unlabelled, Labelled, All }

/// <summary>Which utterances the annotation page and <c>GET /api/v1/bot/utterances</c> list.</summary>
/// <param name="PredictedIntent">Only those the model took for this intent.</param>
/// <param name="Query">Part of the text as written or as normalized.</param>
/// <param name="ConfidenceBelow">Only those the model was less sure of than this (0–1).</param>
public sealed record UtteranceFilter(
    UtteranceLabelState State = UtteranceLabelState.Unlabelled, string? PredictedIntent = null, string? Query = null, double? ConfidenceBelow = null);

/// <summary>One page of utterances, least confident first.</summary>
public sealed record UtterancePage(IReadOnlyList<BotUtterance> Items, int Page, int PageSize, int Total);
