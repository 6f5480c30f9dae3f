using System.Security.Cryptography;
using Paraloom.Wasm.Decoding;
using Paraloom.Wasm.Execution;
using Paraloom.Wasm.Validation;

namespace Paraloom.Wasm;

/// <summary>A decoded, validated and compiled module: immutable, thread-safe and reusable across stores.</summary>
public sealed class Module
{
    private readonly byte[] _sha256;

    private Module(Engine engine, ModuleData data, ModuleContext context, CompiledFunction[] functions, byte[] sha256)
    {
        Engine = engine;
        Data = data;
        Context = context;
        Functions = functions;
        _sha256 = sha256;
        Imports = data.Imports.Select(i => new ImportDescriptor(i.ModuleName, i.Name, i.Kind)).ToArray();
        Exports = data.Exports.Select(e => new ExportDescriptor(e.Name, e.Kind)).ToArray();
    }

    public Engine Engine { get; }

    public IReadOnlyList<ImportDescriptor> Imports { get; }

    public IReadOnlyList<ExportDescriptor> Exports { get; }

    /// <summary>SHA-256 of the module bytes (a copy).</summary>
    public byte[] Sha256 => (byte[])_sha256.Clone();

    internal ModuleData Data { get; }

    internal ModuleContext Context { get; }

    /// <summary>The module's own functions, in definition order (imports excluded).</summary>
    internal CompiledFunction[] Functions { get; }

    /// <summary>Decodes, validates and compiles <paramref name="wasm"/>; bypasses the engine's cache.</summary>
    /// <exception cref="ModuleException">The bytes are malformed, invalid or over the engine's module limits.</exception>
    public static Module FromBytes(Engine engine, ReadOnlySpan<byte> wasm)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Compile(engine, wasm, SHA256.HashData(wasm));
    }

    internal static Module Compile(Engine engine, ReadOnlySpan<byte> wasm, byte[] sha256)
    {
        var bytes = wasm.ToArray();
        var limits = engine.Config.ModuleLimits;
        var data = ModuleDecoder.Decode(bytes, limits);
        var context = ModuleValidator.Validate(data, engine.InternType);
        var importedFunctions = context.FunctionTypeIndices.Length - data.Bodies.Count;
        var functions = new CompiledFunction[data.Bodies.Count];
        for (var i = 0; i < functions.Length; i++)
        {
            functions[i] = FunctionCompiler.Compile(context, limits, bytes, data.Bodies[i], (uint)(importedFunctions + i));
        }
        CompiledFunction.AllotTranslation(functions);
        return new Module(engine, data, context, functions, sha256);
    }
}
