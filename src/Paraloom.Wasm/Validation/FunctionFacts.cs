namespace Paraloom.Wasm.Validation;

internal enum CallKind : byte { Direct, Indirect }

/// <summary>
/// One <c>call</c> or <c>call_indirect</c> in a body: where its bytes are (module offsets, end exclusive) and
/// the callee's function index or the expected type index.
/// </summary>
internal readonly record struct CallSite(int Start, int End, CallKind Kind, uint Index);

/// <summary>A float arithmetic instruction whose result must be canonicalized: it ends at module offset <paramref name="End"/>.</summary>
internal readonly record struct NaNSite(int End, ValueType Type);

/// <summary>What validation learned about one function body.</summary>
/// <param name="CodeStart">Module offset of the first instruction (after the local declarations).</param>
/// <param name="LocalSlots">Parameters plus declared locals.</param>
/// <param name="MaxOperandHeight">The highest the operand stack gets, in values.</param>
/// <param name="Calls">Every call site, in code order.</param>
/// <param name="NaNSites">Every arithmetic result whose NaN bits something observes, in code order.</param>
internal sealed record FunctionFacts(int CodeStart, int LocalSlots, int MaxOperandHeight, CallSite[] Calls, NaNSite[] NaNSites);
