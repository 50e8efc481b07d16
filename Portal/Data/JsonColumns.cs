using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data;

/// <summary>Stores a property as one JSON text column (web defaults: camelCase), compared with the given comparer.</summary>
public static class JsonColumns
{
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property, ValueComparer<T> comparer)
        where T : class, new() =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web) ?? new T(),
            comparer);
}
