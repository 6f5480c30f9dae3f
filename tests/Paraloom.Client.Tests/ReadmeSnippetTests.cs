using Paraloom.Testing.Snippets;

namespace Paraloom.Client.Tests;

/// <summary>
/// The SDK snippets a newcomer copies compile as written: every <c>csharp</c> block of the root README and of the
/// package's README is compiled as a console program, with its own using lines and the implicit usings of
/// <c>dotnet new console</c>, against the SDK and what it brings.
/// </summary>
public sealed class ReadmeSnippetTests
{
    public static TheoryData<string> Readmes => new() { "README.md", "src/Paraloom.Client/README.md" };

    [Theory]
    [MemberData(nameof(Readmes))]
    public void Every_csharp_snippet_compiles_as_written(string readme)
    {
        var snippets = ReadmeSnippets.Of(File.ReadAllText(Repository.PathOf(readme)));
        Assert.NotEmpty(snippets);

        foreach (var snippet in snippets)
        {
            using var binary = new MemoryStream();
            var emitted = ReadmeSnippets.Compile(snippet, binary);

            Assert.True(emitted.Success, $"{readme}:\n{ReadmeSnippets.Errors(emitted)}\n---\n{snippet}");
        }
    }
}
