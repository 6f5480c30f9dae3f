using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Paraloom.Wasm.Execution;

/// <summary>A validated function body translated to the internal instruction stream.</summary>
internal sealed unsafe class CompiledFunction
{
    /// <summary>
    /// The longest instruction stream the compiled tier translates to machine code. Translation costs time and
    /// memory in proportion to length (about 5 µs and 3 KB per instruction) and no fuel, so a longer function
    /// runs in the interpreter, with the same results and fuel: a hostile module cannot make a validator spend
    /// seconds and gigabytes outside its limits.
    /// </summary>
    public const int MaxTranslatedLength = 1 << 16;

    /// <summary>
    /// The instruction stream a module may have translated in all, given out in function index order when the
    /// module is loaded: many functions just under <see cref="MaxTranslatedLength"/> cost no more than this.
    /// </summary>
    public const int MaxTranslatedLengthPerModule = 1 << 20;

    private readonly int[] _code;

    public CompiledFunction(ReadOnlySpan<int> code, int parameterCount, int localCount, int maxOperandHeight, int resultCount)
    {
        // Pinned so the interpreter can walk it with a raw pointer for as long as the module lives.
        _code = GC.AllocateUninitializedArray<int>(code.Length, pinned: true);
        code.CopyTo(_code);
        Code = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_code));
        ParameterCount = parameterCount;
        LocalCount = localCount;
        FrameSlots = localCount + maxOperandHeight;
        ResultCount = resultCount;
    }

    public int* Code { get; }

    public int CodeLength => _code.Length;

    public int ParameterCount { get; }

    /// <summary>Parameters plus declared locals.</summary>
    public int LocalCount { get; }

    /// <summary>Value-stack units one activation needs: locals and the maximum operand height.</summary>
    public int FrameSlots { get; }

    public int ResultCount { get; }

    private CompiledBody? _native;
    private readonly Lock _nativeLock = new();

    /// <summary>Whether the compiled tier translates this function, or runs it in the interpreter.</summary>
    public bool IsTranslatable { get; private set; } = true;

    /// <summary>
    /// Decides, for every function of one module in index order, which ones the compiled tier may translate:
    /// those no longer than <see cref="MaxTranslatedLength"/>, while the module's budget lasts.
    /// </summary>
    public static void AllotTranslation(IEnumerable<CompiledFunction> functions)
    {
        long budget = MaxTranslatedLengthPerModule;
        foreach (var function in functions)
        {
            function.IsTranslatable = function.CodeLength <= MaxTranslatedLength && function.CodeLength <= budget;
            if (function.IsTranslatable) budget -= function.CodeLength;
        }
    }

    /// <summary>Whether <see cref="Native"/> has translated this function yet.</summary>
    public bool IsTranslated => Volatile.Read(ref _native) is not null;

    /// <summary>This function as machine code, translated on first use (once, whichever store or thread asks first).</summary>
    public CompiledBody Native(bool canonicalizeNaNs)
    {
        if (Volatile.Read(ref _native) is { } native) return native;
        lock (_nativeLock)
        {
            _native ??= IlCompiler.Compile(this, canonicalizeNaNs);
            return _native;
        }
    }
}
