using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Paraloom.Client.Tests;

/// <summary>
/// The SDK snippets a newcomer copies compile as written: every <c>csharp</c> block of the root README and of the
/// package's README is compiled as a console program, with its own using lines and the implicit usings of
/// <c>dotnet new console</c>, against the SDK and what it brings.
/// </summary>
public sealed partial class ReadmeSnippetTests
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

    public static TheoryData<string> Readmes => new() { "README.md", "src/Paraloom.Client/README.md" };

    [Theory]
    [MemberData(nameof(Readmes))]
    public void Every_csharp_snippet_compiles_as_written(string readme)
    {
        var snippets = CSharpBlock().Matches(File.ReadAllText(Repository.PathOf(readme))).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(snippets);

        foreach (var snippet in snippets)
        {
            var compilation = CSharpCompilation.Create(
                "ReadmeSnippet",
                [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(snippet)],
                References(),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
            using var binary = new MemoryStream();
            var emitted = compilation.Emit(binary);

            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            Assert.True(emitted.Success, $"{readme}:\n{string.Join('\n', errors)}\n---\n{snippet}");
        }
    }

    /// <summary>The framework and every assembly this test runs with: the SDK, the privacy library, Microsoft.Extensions.</summary>
    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
