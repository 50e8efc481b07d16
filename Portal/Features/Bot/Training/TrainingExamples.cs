using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Bot.Understanding;

namespace Portal.Features.Bot.Training;

/// <summary>What a retraining learns from: the shipped dataset with its held-out split, plus the custom examples.</summary>
/// <param name="Dataset">The shipped examples (both splits) followed by the custom ones (training split).</param>
public sealed record TrainingSet(IReadOnlyList<IntentExample> Dataset, int ShippedExamples, int CustomExamples, int ExcludedExamples, int HeldOutExamples)
{
    public string Fingerprint { get; } = IntentModelStore.Fingerprint(Dataset);
}

/// <summary>How many training examples an intent has, from the shipped dataset and added here.</summary>
public sealed record IntentExampleCount(string Intent, int Shipped, int Custom);

/// <summary>One page of custom examples, newest first.</summary>
public sealed record TrainingExamplePage(IReadOnlyList<IntentTrainingExample> Items, int Total);

/// <summary>An import's outcome: rows added and rows skipped as already known, or the bad lines (then nothing was added).</summary>
public sealed record TrainingExampleImport(int Added, int Skipped, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The training examples: the shipped dataset and the custom ones (imported from CSV or labelled on the annotation
/// page). Custom examples only ever join the training split.
/// </summary>
public sealed class TrainingExamples(IDbContextFactory<PortalDbContext> dbFactory, DatabaseWriteGate writeGate, AuditTrail audit)
{
    public const int PageSize = 50;

    public async Task<TrainingExamplePage> ListCustomAsync(string? query, string? intent, int page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var examples = db.IntentTrainingExamples.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
            examples = examples.Where(e => e.Text.Contains(query.Trim()));
        if (!string.IsNullOrWhiteSpace(intent))
            examples = examples.Where(e => e.Intent == intent);
        var total = await examples.CountAsync(ct);
        var items = await examples.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new TrainingExamplePage(items, total);
    }

    /// <summary>Training examples per intent (the held-out split not counted), in <see cref="Intents.All"/> order.</summary>
    public async Task<IReadOnlyList<IntentExampleCount>> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var custom = await db.IntentTrainingExamples.GroupBy(e => e.Intent).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var shipped = IntentDataset.LoadShipped().Where(e => !e.IsHeldOut).CountBy(e => e.Intent).ToDictionary();
        return [.. Intents.All.Select(i => new IntentExampleCount(i, shipped.GetValueOrDefault(i), custom.GetValueOrDefault(i)))];
    }

    /// <summary>
    /// Adds the CSV's rows as imported examples, all or nothing. Rows already known (shipped or added before, by text,
    /// intent and locale) are skipped, so importing an export again changes nothing; a <c>test</c> row that is not
    /// one of the shipped held-out rows is an error, since the held-out split is the shipped one.
    /// </summary>
    public async Task<TrainingExampleImport> ImportAsync(TextReader csv, AuditActor actor, CancellationToken ct = default)
    {
        var read = IntentCsv.Read(csv);
        var shipped = IntentDataset.LoadShipped().Select(Key).ToHashSet();
        var errors = new Dictionary<string, string[]>(read.Errors);
        foreach (var (line, example) in read.Rows.Where(r => r.Example.IsHeldOut && !shipped.Contains(Key(r.Example))))
            errors[$"line {line}"] = ["Only the shipped held-out rows may be test rows; imported examples are for training (use train)."];
        if (errors.Count > 0)
            return new TrainingExampleImport(0, 0, errors);

        using (await writeGate.EnterAsync(ct))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var known = (await db.IntentTrainingExamples.Select(e => new { e.Text, e.Intent, e.Locale }).ToListAsync(ct))
                .Select(e => (e.Text, e.Intent, e.Locale)).ToHashSet();
            known.UnionWith(shipped);
            var added = 0;
            var now = DateTime.UtcNow;
            foreach (var (_, example) in read.Rows)
            {
                if (!known.Add(Key(example)))
                    continue;
                // A tick apart, so the examples keep the file's order (exports and training read them by time).
                db.IntentTrainingExamples.Add(new IntentTrainingExample
                {
                    Text = example.Text, Intent = example.Intent, Locale = example.Locale, Source = TrainingExampleSource.Imported,
                    CreatedAt = now.AddTicks(added),
                });
                added++;
            }
            var result = new TrainingExampleImport(added, read.Rows.Count - added, errors);
            await audit.AppendAsync(db, actor, "bot.dataset.imported", "bot-dataset", null, new { result.Added, result.Skipped }, ct);
            await db.SaveChangesAsync(ct);
            return result;
        }
    }

    /// <summary>The examples as CSV: the shipped dataset (both splits) and the custom examples, or the custom ones only.</summary>
    public async Task ExportAsync(TextWriter writer, bool customOnly, CancellationToken ct = default)
    {
        var custom = await LoadCustomAsync(ct);
        await IntentCsv.WriteAsync(writer, customOnly ? custom : [.. IntentDataset.LoadShipped(), .. custom], ct);
    }

    /// <summary>
    /// The shipped dataset followed by the custom examples; a custom example that reads the same as a held-out
    /// sentence is left out, since training on it would inflate the evaluation.
    /// </summary>
    public async Task<TrainingSet> LoadTrainingSetAsync(CancellationToken ct = default)
    {
        var shipped = IntentDataset.LoadShipped();
        var heldOut = shipped.Where(e => e.IsHeldOut).Select(e => TextNormalizer.Normalize(e.Text)).ToHashSet(StringComparer.Ordinal);
        var custom = await LoadCustomAsync(ct);
        var kept = custom.Where(e => !heldOut.Contains(TextNormalizer.Normalize(e.Text))).ToList();
        return new TrainingSet([.. shipped, .. kept], shipped.Count(e => !e.IsHeldOut), kept.Count, custom.Count - kept.Count, shipped.Count(e => e.IsHeldOut));
    }

    private async Task<List<IntentExample>> LoadCustomAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IntentTrainingExamples.AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => new IntentExample(e.Text, e.Intent, e.Locale, false)).ToListAsync(ct);
    }

    private static (string, string, string) Key(IntentExample example) => (example.Text, example.Intent, example.Locale);
}
