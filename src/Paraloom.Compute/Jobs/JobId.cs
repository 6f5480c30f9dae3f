using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paraloom.Compute;

/// <summary>
/// The identity of a job: 1–64 characters of <c>[A-Za-z0-9_-]</c>. New ids are random GUIDs.
/// </summary>
/// <remarks>
/// The alphabet leaves out separators such as <c>/</c> and <c>:</c> so that keys composed from a job id
/// (for example "job id + attempt" for a quorum) can never be ambiguous.
/// </remarks>
[JsonConverter(typeof(JobIdJsonConverter))]
public sealed class JobId : IEquatable<JobId>
{
    public const int MaxLength = 64;

    private JobId(string value) => Value = value;

    public string Value { get; }

    public static JobId New() => new(Guid.NewGuid().ToString("N"));

    public static JobId Parse(string value) =>
        TryParse(value, out var id)
            ? id
            : throw new FormatException(
                $"A job id must be 1 to {MaxLength} characters of letters, digits, '-' or '_'.");

    public static bool TryParse(string? value, [NotNullWhen(true)] out JobId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !value.All(IsAllowed))
        {
            return false;
        }
        id = new JobId(value);
        return true;
    }

    public bool Equals(JobId? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as JobId);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(JobId? left, JobId? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(JobId? left, JobId? right) => !(left == right);

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}

internal sealed class JobIdJsonConverter : JsonConverter<JobId>
{
    public override JobId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JobId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Invalid job id.");

    public override void Write(Utf8JsonWriter writer, JobId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
