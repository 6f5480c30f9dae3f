using System.Reflection;

namespace Paraloom.Silo.Tests.Support;

/// <summary>Whether a configuration key names a silo option, as configuration binding matches it.</summary>
internal static class SiloOptionPaths
{
    /// <summary>Whether <c>Paraloom__A__B</c> leads through public settable properties of <see cref="SiloOptions"/>.</summary>
    public static bool Binds(string environmentVariable) => Binds(typeof(SiloOptions), environmentVariable.Split("__").Skip(1));

    /// <summary>Whether <paramref name="path"/> leads through public settable properties, matched ignoring case.</summary>
    public static bool Binds(Type type, IEnumerable<string> path)
    {
        foreach (var segment in path)
        {
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property?.SetMethod is not { IsPublic: true })
            {
                return false;
            }
            type = property.PropertyType;
        }
        return true;
    }
}
