using System.CommandLine;

namespace Paraloom.Cli.Commands;

/// <summary>Options several commands share, with their defaults from the environment.</summary>
internal static class CommonOptions
{
    public const string ServerVariable = "PARALOOM_SERVER";
    public const string KeyVariable = "PARALOOM_KEY";
    public const string DefaultServer = "http://127.0.0.1:5700";
    public const string DefaultKeyFile = "paraloom.key";
    private const int MaxValidityDays = 3650;

    // The help shows each default once, as System.CommandLine prints it: the descriptions only say where it comes from.
    public static Option<Uri> Server() => new("--server")
    {
        Description = $"The silo's URL; ${ServerVariable} when set",
        HelpName = "URL",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } url ? url : DefaultServer),
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return new Uri(DefaultServer);
            }
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }
            result.AddError($"--server must be an http(s) URL, not '{text}'.");
            return null;
        },
    };

    public static Option<string> Key() => new("--key")
    {
        Description = $"The requester's secret key file from 'paraloom keys new'; ${KeyVariable} when set",
        HelpName = "FILE",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } path ? path : DefaultKeyFile,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for scripts instead of text" };

    /// <summary>How many days a certificate being issued is valid, from now: 1 to ten years.</summary>
    public static Option<int> ValidityDays(string description, TimeSpan defaultValidity)
    {
        var days = new Option<int>("--days")
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => (int)defaultValidity.TotalDays,
        };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxValidityDays)
            {
                result.AddError($"--days must be a number from 1 to {MaxValidityDays}.");
            }
        });
        return days;
    }

}
