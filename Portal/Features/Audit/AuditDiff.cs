using System.Text.Json;

namespace Portal.Features.Audit;

/// <summary>One field that an action changed; a null side means the field was absent (or there was no state) then.</summary>
public sealed record AuditChange(string Path, string? Before, string? After);

/// <summary>Turns an entry's before/after JSON into the list of fields that differ, for people to read.</summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditChange> Compare(string? beforeJson, string? afterJson)
    {
        var before = Flatten(beforeJson);
        var after = Flatten(afterJson);
        return before.Keys.Union(after.Keys)
            .Select(path => new AuditChange(path, before.GetValueOrDefault(path), after.GetValueOrDefault(path)))
            .Where(change => change.Before != change.After)
            .ToList();
    }

    private static Dictionary<string, string?> Flatten(string? json)
    {
        var fields = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(json))
            return fields;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Add(fields, root.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? "" : "value", root);
        return fields;
    }

    private static void Add(Dictionary<string, string?> fields, string path, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    Add(fields, path == "" ? property.Name : $"{path}.{property.Name}", property.Value);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    Add(fields, $"{path}[{index++}]", item);
                break;
            case JsonValueKind.String:
                fields[path] = value.GetString();
                break;
            case JsonValueKind.Null:
                fields[path] = null;
                break;
            default:
                fields[path] = value.GetRawText();
                break;
        }
    }
}
