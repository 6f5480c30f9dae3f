using System.Text.Json;

namespace Paraloom.Silo.Tests.Support;

/// <summary>The Grafana dashboards under dashboards/ and every PromQL query they hold.</summary>
internal static class Dashboards
{
    public static readonly string[] Names = ["validator-scoring", "jobs", "silos", "orleans"];

    public static JsonDocument Load(string name) => JsonDocument.Parse(File.ReadAllText(Repository.PathOf("dashboards", name + ".json")));

    /// <summary>Every <c>expr</c> field anywhere in the dashboard.</summary>
    public static IReadOnlyList<string> Expressions(JsonElement element)
    {
        var found = new List<string>();
        Collect(element, found);
        return found;
    }

    private static void Collect(JsonElement element, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("expr"))
                    {
                        found.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, found);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }
                break;
        }
    }
}
