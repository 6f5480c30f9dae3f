using System.Security.Cryptography;
using Paraloom.Wasm.Decoding;
using Paraloom.Wasm.Instrumentation;
using Paraloom.Wasm.Validation;

namespace Paraloom.Wasm;

/// <summary>
/// The admission gate: the one definition of what a module may be before any engine sees it. Decodes and
/// validates WebAssembly 2.0 without SIMD (MVP, mutable globals, sign extension, non-trapping float-to-int,
/// multi-value, bulk memory, reference types) within <see cref="ModuleLimits"/>, then instruments the module
/// to enforce the deterministic stack budget and to canonicalize the NaNs whose bits can be observed.
/// Stateless and thread-safe; linear in the module's size.
/// </summary>
public static class ModuleAdmission
{
    /// <param name="canonicalizeNaNs">
    /// Whether the module canonicalizes NaNs itself (<see cref="NaNCanonicalization"/>); off only for an engine that
    /// canonicalizes every float result on its own.
    /// </param>
    /// <exception cref="ModuleException">The bytes are malformed, invalid, over a limit, or use the reserved export name.</exception>
    public static AdmittedModule Admit(ReadOnlySpan<byte> wasm, ModuleLimits? limits = null, bool canonicalizeNaNs = true)
    {
        var moduleLimits = limits ?? ModuleLimits.Default;
        var bytes = wasm.ToArray();
        var data = ModuleDecoder.Decode(bytes, moduleLimits);
        var context = ModuleValidator.Validate(data);
        var importedFunctions = context.FunctionTypeIndices.Length - data.Bodies.Count;
        var facts = new FunctionFacts[data.Bodies.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            var function = FunctionValidator.Validate(context, moduleLimits, bytes, data.Bodies[i], (uint)(importedFunctions + i));
            facts[i] = canonicalizeNaNs ? function : function with { NaNSites = [] };
            var declared = facts[i].LocalSlots - context.FunctionTypeOf((uint)(importedFunctions + i)).ParameterArray.Length;
            if (declared + NaNCanonicalization.ScratchTypes(facts[i]).Length > moduleLimits.MaxLocals)
            {
                throw new ModuleException(ModuleErrorKind.TooLarge,
                    $"function {importedFunctions + i} declares {declared} locals, leaving no room for the sandbox's scratch locals (limit {moduleLimits.MaxLocals})");
            }
        }
        if (data.Exports.Any(e => e.Name == StackBudget.HeightExport))
        {
            throw new ModuleException(ModuleErrorKind.Invalid, $"the export name \"{StackBudget.HeightExport}\" is reserved for the sandbox");
        }

        var imports = data.Imports.Select(i => new ImportDescriptor(i.ModuleName, i.Name, i.Kind)).ToArray();
        var exports = data.Exports
            .Select(e => new ExportDescriptor(e.Name, e.Kind, e.Kind == ExternKind.Function ? context.FunctionTypeOf(e.Index) : null))
            .ToArray();
        var instrumented = ModuleInstrumenter.Instrument(bytes, data, context, facts);
        return new AdmittedModule(instrumented, SHA256.HashData(bytes), imports, exports);
    }
}
