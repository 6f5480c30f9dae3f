using Paraloom.Privacy.Tests.Vectors;

namespace Paraloom.Privacy.Tests;

/// <summary>
/// `dotnet test` runs this project's tests through the test host and never calls this. `dotnet run -- write-privacy-vectors
/// PATH` writes the known-answer vector file once (docs/cryptography.md §14).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["write-privacy-vectors", var path])
        {
            PrivacyVectorGenerator.Write(path);
            Console.WriteLine($"Wrote {path}.");
            return 0;
        }
        Console.Error.WriteLine("usage: dotnet run --project tests/Paraloom.Privacy.Tests -- write-privacy-vectors PATH");
        return 2;
    }
}
