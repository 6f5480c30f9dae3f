using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paraloom.Silo.Api;

/// <summary>
/// The API's JSON: camelCase, enums by name, and strict: unknown fields refused (a misspelt field is not silently
/// ignored), a property given twice refused (two readers could disagree on which counts), numbers only as numbers.
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
