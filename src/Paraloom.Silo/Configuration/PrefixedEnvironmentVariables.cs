using System.Collections;

namespace Paraloom.Silo;

/// <summary>
/// Reads <c>PARALOOM_NAME</c> environment variables as <c>Paraloom:NAME</c> settings (and
/// <c>PARALOOM_CAPS__MAXFUEL</c> as <c>Paraloom:CAPS:MAXFUEL</c>), the short form beside .NET's own <c>Paraloom__NAME</c>.
/// </summary>
internal static class PrefixedEnvironmentVariables
{
    public const string Prefix = "PARALOOM_";

    public static IEnumerable<KeyValuePair<string, string?>> Read(IDictionary variables)
    {
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is string name && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > Prefix.Length)
            {
                var key = name[Prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                yield return new(SiloOptions.SectionName + ConfigurationPath.KeyDelimiter + key, entry.Value as string);
            }
        }
    }
}
