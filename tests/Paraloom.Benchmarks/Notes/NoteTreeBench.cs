using System.Globalization;

namespace Paraloom.Benchmarks.Notes;

/// <summary>The note commitment tree's costs, printed as tables (issue goal: a proof in at most 50 µs).</summary>
/// <remarks>dotnet run -c Release --project tests/Paraloom.Benchmarks -- note-tree [proofs per tree]</remarks>
internal static class NoteTreeBench
{
    public const string Command = "note-tree";

    public static void Run(string[] args)
    {
        var proofs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        NoteProofTime.Run(proofs);
    }
}
