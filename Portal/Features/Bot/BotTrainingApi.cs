using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Features.Audit;
using Portal.Features.Bot.Annotation;
using Portal.Features.Bot.Training;
using Portal.Features.Team;

namespace Portal.Features.Bot;

/// <summary>The bot's training pipeline for automation: utterances to label, the dataset, retraining and model versions.</summary>
public static class BotTrainingApi
{
    /// <summary>The largest CSV an import reads (the shipped dataset is about 2.5 MB).</summary>
    public const int MaxImportCharacters = 10_000_000;

    /// <param name="Ids">The utterances, 1–500.</param>
    /// <param name="Intent">The intent to give them all; leave it out with acceptPrediction to give each its predicted intent.</param>
    /// <param name="AcceptPrediction">Label each utterance with the intent the model predicted.</param>
    public sealed record LabelRequest(IReadOnlyList<Guid>? Ids, string? Intent, bool AcceptPrediction = false);

    /// <param name="Ids">The utterances, 1–500.</param>
    public sealed record UnlabelRequest(IReadOnlyList<Guid>? Ids);

    public sealed record LabelResult(int Updated);

    public sealed record ImportResult(int Added, int Skipped);

    public static IEndpointRouteBuilder MapBotTrainingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/bot").WithTags("Bot training").RequireAuthorization(Permissions.BotTrain);

        api.MapGet("/utterances", ListUtterances).WithName("ListBotUtterances").WithSummary("List customer messages the bot classified")
            .WithDescription("Least confident first. state: unlabelled (default), labelled or all; intent: the predicted intent; q: part of the text; "
                + "below: only confidences under this (0–1); page from 1, pageSize up to 200.");
        api.MapPost("/utterances/labels", Label).WithName("LabelBotUtterances").WithSummary("Label utterances with an intent, in bulk")
            .WithDescription("Give all of them one intent, or set acceptPrediction to give each its predicted intent. Labelled utterances become training examples.");
        api.MapPost("/utterances/unlabel", Unlabel).WithName("UnlabelBotUtterances").WithSummary("Take the labels off utterances")
            .WithDescription("Their training examples are removed too.");
        api.MapGet("/dataset.csv", ExportDataset).WithName("ExportBotDataset").WithSummary("Export the training examples as CSV")
            .WithDescription("text,intent,locale,split, UTF-8. scope=all (default): the shipped dataset with its held-out rows and the custom examples; scope=custom: only the custom ones.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        api.MapPost("/dataset", ImportDataset).WithName("ImportBotDataset").WithSummary("Import training examples from CSV")
            .WithDescription("The body is the CSV (text/csv) in the shipped form text,intent,locale,split. All or nothing: a bad line is a validation problem "
                + "naming it (\"line 3\") and nothing is imported. Rows already known are skipped; imported rows join the training split only.");
        api.MapGet("/models", ListModels).WithName("ListBotModels").WithSummary("List the stored model versions with their evaluation")
            .WithDescription("Newest first; the active one is marked.");
        api.MapGet("/models/training", TrainingStatus).WithName("GetBotTrainingStatus").WithSummary("The latest retraining and its state")
            .WithDescription("queued, training, done or failed (with the error); 204 when nothing was trained since the app started.");
        api.MapGet("/models/{version}", GetModel).WithName("GetBotModel").WithSummary("A model version with its full evaluation");
        api.MapPost("/models/train", Train).WithName("TrainBotModel").WithSummary("Train a new model version")
            .WithDescription("Queues retraining on the shipped training split plus the custom examples; the new version is evaluated on the shipped held-out "
                + "split and stored, not activated. 202 with the run; 409 while another run is queued or training, or when a stored version was made of exactly the current examples.");
        api.MapPost("/models/{version}/activate", Activate).WithName("ActivateBotModel").WithSummary("Make a version the one the bot uses")
            .WithDescription("Also how to roll back to an older version. Takes effect at once and is audited.");
        return app;
    }

    private static async Task<Results<Ok<UtterancePage>, ValidationProblem>> ListUtterances(
        BotUtterances utterances, CancellationToken ct,
        string? state = null, string? intent = null, string? q = null, double? below = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var labelState = UtteranceLabelState.Unlabelled;
        if (state is not null && !Enum.TryParse(state, ignoreCase: true, out labelState))
            errors["state"] = ["The state must be unlabelled, labelled or all."];
        if (intent is not null && !Intents.All.Contains(intent) && intent != Intents.Unknown)
            errors["intent"] = [$"'{intent}' is not an intent."];
        if (below is < 0 or > 1)
            errors["below"] = ["The confidence bound must be between 0 and 1."];
        if (page < 1)
            errors["page"] = ["Pages are numbered from 1."];
        if (pageSize is < 1 or > BotUtterances.MaxPageSize)
            errors["pageSize"] = [$"The page size must be 1–{BotUtterances.MaxPageSize}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await utterances.SearchAsync(new UtteranceFilter(labelState, intent, q, below), page, pageSize, ct));
    }

    private static async Task<Results<Ok<LabelResult>, ValidationProblem>> Label(
        LabelRequest request, BotUtterances utterances, HttpContext http, CancellationToken ct)
    {
        var errors = ValidateIds(request.Ids);
        if (request.AcceptPrediction == (request.Intent is not null))
            errors["intent"] = ["Give either an intent or acceptPrediction: true."];
        else if (request.Intent is not null && !Intents.All.Contains(request.Intent))
            errors["intent"] = [$"'{request.Intent}' is not an intent; use one of {string.Join(", ", Intents.All)}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var userId = AuditActor.From(http).UserId!;
        return TypedResults.Ok(new LabelResult(await utterances.LabelAsync([.. request.Ids!], request.Intent, userId, ct)));
    }

    private static async Task<Results<Ok<LabelResult>, ValidationProblem>> Unlabel(UnlabelRequest request, BotUtterances utterances, CancellationToken ct)
    {
        if (ValidateIds(request.Ids) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(new LabelResult(await utterances.UnlabelAsync([.. request.Ids!], ct)));
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportDataset(
        HttpContext http, TrainingExamples examples, CancellationToken ct, string scope = "all")
    {
        if (scope is not ("all" or "custom"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["The scope must be all or custom."] });
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"bot-dataset-{scope}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await examples.ExportAsync(writer, scope == "custom", ct);
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> ImportDataset(
        HttpRequest request, TrainingExamples examples, HttpContext http, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var csv = new StringBuilder();
        var chunk = new char[16_384];
        int read;
        while ((read = await reader.ReadAsync(chunk, ct)) > 0)
        {
            if (csv.Length + read > MaxImportCharacters)
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The CSV is too large",
                    detail: $"Import at most {MaxImportCharacters:N0} characters at a time.");
            csv.Append(chunk, 0, read);
        }
        var result = await examples.ImportAsync(new StringReader(csv.ToString()), AuditActor.From(http), ct);
        return result.Succeeded
            ? TypedResults.Ok(new ImportResult(result.Added, result.Skipped))
            : TypedResults.ValidationProblem(result.Errors, title: "Nothing was imported: some lines are invalid");
    }

    private static Ok<IReadOnlyList<IntentModelVersion>> ListModels(IntentModelStore store) => TypedResults.Ok(store.List());

    private static Results<Ok<TrainingRun>, NoContent> TrainingStatus(IntentModelTraining training) =>
        training.Latest is { } run ? TypedResults.Ok(run) : TypedResults.NoContent();

    private static Results<Ok<IntentModelVersion>, ProblemHttpResult> GetModel(string version, IntentModelStore store) =>
        store.Find(version) is { } found ? TypedResults.Ok(found) : ModelNotFound(version);

    private static async Task<Results<Accepted<TrainingRun>, ProblemHttpResult>> Train(IntentModelTraining training, HttpContext http, CancellationToken ct)
    {
        var request = await training.RequestAsync(AuditActor.From(http), ct);
        return request.Outcome switch
        {
            TrainingRequestOutcome.Queued => TypedResults.Accepted("/api/v1/bot/models/training", request.Run),
            TrainingRequestOutcome.AlreadyRunning => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A training is already under way",
                detail: $"Version {request.Run!.Version} is {request.Run.State.ToString().ToLowerInvariant()}; one training runs at a time."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing new to learn",
                detail: $"Version {request.SameAsVersion} was trained on exactly the current examples; label or import examples first."),
        };
    }

    private static async Task<Results<Ok<IntentModelVersion>, ProblemHttpResult>> Activate(
        string version, IntentModelActivation activation, IntentModelStore store, HttpContext http, CancellationToken ct) =>
        await activation.ActivateAsync(version, AuditActor.From(http), ct) ? TypedResults.Ok(store.Find(version)!) : ModelNotFound(version);

    private static Dictionary<string, string[]> ValidateIds(IReadOnlyList<Guid>? ids)
    {
        var errors = new Dictionary<string, string[]>();
        if (ids is null || ids.Count == 0)
            errors["ids"] = ["Name at least one utterance."];
        else if (ids.Count > BotUtterances.MaxBatch)
            errors["ids"] = [$"At most {BotUtterances.MaxBatch} utterances at a time."];
        return errors;
    }

    private static ProblemHttpResult ModelNotFound(string version) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Model version not found", detail: $"There is no model version '{version}'.");
}
