using System.Buffers.Binary;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Paraloom.Client.Tests;

/// <summary>
/// The real silo on a test server, in memory, with a fast deadline check. The key hand-out timeout is generous:
/// a loaded machine must never turn a slow hand-out into a rejection. Tests of the timeout itself use
/// <see cref="ImpatientSiloServer"/>.
/// </summary>
public class SiloServer : WebApplicationFactory<Program>
{
    protected virtual TimeSpan KeyHandOutTimeout => TimeSpan.FromSeconds(60);

    public ParaloomClient NewClient() => new(CreateClient()) { PollInterval = TimeSpan.FromMilliseconds(30) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Paraloom:StorageDirectory", "");
        builder.UseSetting("Paraloom:DeadlineCheckPeriod", "00:00:00.100");
        builder.UseSetting("Paraloom:KeyHandOutTimeout", KeyHandOutTimeout.ToString());
    }

    public static byte[] Program(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paraloom.Orleans.sln")))
            {
                return File.ReadAllBytes(Path.Combine(directory.FullName, "src", "programs", name + ".wasm"));
            }
        }
        throw new DirectoryNotFoundException("The repository root (Paraloom.Orleans.sln) is not above the test binaries.");
    }

    /// <summary>aggregate.wasm's input: "AGG1", u32 count, count × i64.</summary>
    public static byte[] AggregateInput(params long[] values)
    {
        var bytes = new byte[8 + values.Length * 8];
        "AGG1"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 + i * 8), values[i]);
        }
        return bytes;
    }
}

/// <summary>A silo that gives up on a key hand-out after one second, for the tests of that timeout.</summary>
public sealed class ImpatientSiloServer : SiloServer
{
    protected override TimeSpan KeyHandOutTimeout => TimeSpan.FromSeconds(1);
}
