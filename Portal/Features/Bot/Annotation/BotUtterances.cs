using Portal.Features.Bot.Dialogue;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Bot.Training;

namespace Portal.Features.Bot.Annotation;

/// <summary>
/// The log of customer messages the bot classified, and their labels. Labelling an utterance makes it an annotated
/// training example; unlabelling removes that example again.
/// </summary>
public sealed class BotUtterances(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>How many utterances one labelling request may change.</summary>
    public const int MaxBatch = 500;

    /// <summary>Records a customer message after the bot classified it: one insert.</summary>
    public async Task RecordAsync(Guid conversationId, Guid messageId, Guid siteId, string text, IntentClassification classification,
        string? modelVersion, CancellationToken ct)
    {
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.BotUtterances.Add(new BotUtterance
            {
                ConversationId = conversationId, MessageId = messageId, SiteId = siteId, Text = text,
                NormalizedText = classification.NormalizedText, PredictedIntent = classification.Intent,
                Confidence = classification.Confidence, ModelVersion = modelVersion, CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task<UtterancePage> SearchAsync(UtteranceFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var utterances = db.BotUtterances.AsNoTracking();
        utterances = filter.State switch
        {
            UtteranceLabelState.Unlabelled => utterances.Where(u => u.Label == null),
            UtteranceLabelState.Labelled => utterances.Where(u => u.Label != null),
            _ => utterances,
        };
        if (!string.IsNullOrWhiteSpace(filter.PredictedIntent))
            utterances = utterances.Where(u => u.PredictedIntent == filter.PredictedIntent);
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var query = filter.Query.Trim();
            var normalized = Understanding.TextNormalizer.Normalize(query);
            utterances = utterances.Where(u => u.Text.Contains(query) || u.NormalizedText.Contains(normalized));
        }
        if (filter.ConfidenceBelow is { } below)
            utterances = utterances.Where(u => u.Confidence < below);
        var total = await utterances.CountAsync(ct);
        var items = await utterances.OrderBy(u => u.Confidence).ThenByDescending(u => u.CreatedAt)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new UtterancePage(items, page, pageSize, total);
    }

    /// <summary>How many utterances carry each intent as their label, in <see cref="Intents.All"/> order.</summary>
    public async Task<IReadOnlyList<(string Intent, int Count)>> LabelCountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.BotUtterances.Where(u => u.Label != null).GroupBy(u => u.Label!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. Intents.All.Select(i => (i, counts.GetValueOrDefault(i)))];
    }

    /// <summary>
    /// Labels the utterances with <paramref name="intent"/>, or each with its own prediction when it is null
    /// ("accept the prediction"; utterances predicted unknown are left as they are). Returns how many were labelled.
    /// </summary>
    public async Task<int> LabelAsync(IReadOnlyCollection<Guid> ids, string? intent, string labeledById, CancellationToken ct = default)
    {
        if (intent is not null && !Intents.All.Contains(intent))
            throw new ArgumentException($"'{intent}' is not an intent.", nameof(intent));
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var utterances = await db.BotUtterances.Where(u => ids.Contains(u.Id)).ToListAsync(ct);
            var examples = await db.IntentTrainingExamples.Where(e => e.UtteranceId != null && ids.Contains(e.UtteranceId.Value))
                .ToDictionaryAsync(e => e.UtteranceId!.Value, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var labelled = 0;
            foreach (var utterance in utterances)
            {
                var label = intent ?? utterance.PredictedIntent;
                if (!Intents.All.Contains(label))
                    continue;
                utterance.Label = label;
                utterance.LabeledById = labeledById;
                utterance.LabeledAt = now;
                if (examples.TryGetValue(utterance.Id, out var example))
                    example.Intent = label;
                else
                    db.IntentTrainingExamples.Add(new IntentTrainingExample
                    {
                        Text = utterance.Text, Intent = label, Locale = ReplyLocales.Detect(utterance.Text, ReplyLocales.English),
                        Source = TrainingExampleSource.Annotated, UtteranceId = utterance.Id, CreatedAt = now,
                    });
                labelled++;
            }
            await db.SaveChangesAsync(ct);
            return labelled;
        }
    }

    /// <summary>Takes the labels off and their training examples out; returns how many had a label.</summary>
    public async Task<int> UnlabelAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var utterances = await db.BotUtterances.Where(u => ids.Contains(u.Id) && u.Label != null).ToListAsync(ct);
            foreach (var utterance in utterances)
                (utterance.Label, utterance.LabeledById, utterance.LabeledAt) = (null, null, null);
            db.IntentTrainingExamples.RemoveRange(
                await db.IntentTrainingExamples.Where(e => e.UtteranceId != null && ids.Contains(e.UtteranceId.Value)).ToListAsync(ct));
            await db.SaveChangesAsync(ct);
            return utterances.Count;
        }
    }

    /// <summary>Deletes unlabelled utterances recorded before <paramref name="cutoff"/>; labelled ones are training data and stay.</summary>
    public async Task<int> DeleteUnlabelledBeforeAsync(DateTime cutoff, CancellationToken ct = default)
    {
        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.BotUtterances.Where(u => u.Label == null && u.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        }
    }
}
