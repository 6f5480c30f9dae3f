using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Paraloom.Testing.Snippets;

/// <summary>
/// The <c>csharp</c> blocks of a README, compiled as console programs the way a newcomer would paste them into
/// <c>dotnet new console</c>: with their own using lines, that template's implicit usings and every assembly the running
/// test has. Shared by the Client tests (they compile) and the CLI tests (one runs against a localnet).
/// </summary>
internal static partial class ReadmeSnippets
{
    // What Microsoft.NET.Sdk adds to a console project with ImplicitUsings on (the default of `dotnet new console`).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>Every <c>csharp</c> block of <paramref name="readme"/>'s text, in order.</summary>
    public static IReadOnlyList<string> Of(string readme) => [.. CSharpBlock().Matches(readme).Select(match => match.Groups[1].Value)];

    /// <summary>Compiles <paramref name="snippet"/> into <paramref name="program"/>; the result says whether it did, and why not.</summary>
    public static Microsoft.CodeAnalysis.Emit.EmitResult Compile(string snippet, Stream program) =>
        CSharpCompilation.Create(
                "ReadmeSnippet",
                [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(snippet)],
                References(),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable))
            .Emit(program);

    /// <summary>The errors of a compilation, one a line.</summary>
    public static string Errors(Microsoft.CodeAnalysis.Emit.EmitResult emitted) =>
        string.Join('\n', emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

    /// <summary>The framework and every assembly this test runs with: the SDK, the privacy library, Microsoft.Extensions.</summary>
    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
