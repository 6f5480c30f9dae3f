using Paraloom.Wasm.Decoding;

namespace Paraloom.Wasm.Validation;

/// <summary>
/// Validates one function body in a single pass and records what the instrumentation needs: the frame's size in
/// slots (parameters, declared locals, maximum operand height), every call site, and where NaNs must be canonicalized.
/// </summary>
internal sealed partial class FunctionValidator
{
    /// <summary>The validator's "unknown" operand type of unreachable code.</summary>
    private const ValueType Unknown = 0;

    private readonly ModuleContext _module;
    private readonly ModuleLimits _limits;
    private readonly WasmReader _reader;
    private readonly FunctionType _type;
    private readonly List<ValueType> _operands = new(16);
    private readonly List<ControlFrame> _controls = new(8);
    private readonly List<CallSite> _calls = [];
    private ValueType[] _locals = [];
    private int _maxHeight;

    private FunctionValidator(ModuleContext module, ModuleLimits limits, WasmReader reader, FunctionType type)
    {
        _module = module;
        _limits = limits;
        _reader = reader;
        _type = type;
    }

    public static FunctionFacts Validate(ModuleContext module, ModuleLimits limits, byte[] bytes, FunctionBody body, uint functionIndex)
    {
        var reader = new WasmReader(bytes, body.Start, body.End);
        var validator = new FunctionValidator(module, limits, reader, module.FunctionTypeOf(functionIndex));
        try
        {
            return validator.Validate();
        }
        catch (ModuleException e) when (e.Kind == ModuleErrorKind.Invalid)
        {
            // A body that is also malformed further on is reported as malformed, as a decoder-first engine would.
            BodyScanner.Scan(bytes, body);
            throw;
        }
    }

    private static ModuleException Invalid(string message) => new(ModuleErrorKind.Invalid, message);

    private FunctionFacts Validate()
    {
        ReadLocals();
        var codeStart = _reader.Position;
        _controls.Add(new ControlFrame { Kind = FrameKind.Function, StartTypes = [], EndTypes = _type.ResultArray, Height = 0 });
        while (_controls.Count > 0)
        {
            if (_reader.AtEnd) throw WasmReader.Malformed("unexpected end of section or function (END opcode expected)");
            var offset = _reader.Position;
            ValidateInstruction(offset, _reader.ReadByte());
        }
        if (!_reader.AtEnd) throw WasmReader.Malformed("section size mismatch: bytes after the function's final end");
        return new FunctionFacts(codeStart, _locals.Length, _maxHeight, [.. _calls], NaNSites());
    }

    private void ReadLocals()
    {
        var groupCount = _reader.ReadCount(int.MaxValue, "local declarations");
        var groups = new (uint Count, ValueType Type)[groupCount];
        ulong total = 0;
        for (var i = 0; i < groupCount; i++)
        {
            var count = _reader.ReadU32();
            var type = _reader.ReadValueType();
            groups[i] = (count, type);
            total += count;
            if (total > uint.MaxValue) throw WasmReader.Malformed("too many locals");
        }
        if (total > (ulong)_limits.MaxLocals)
            throw new ModuleException(ModuleErrorKind.TooLarge, $"function declares {total} locals (limit {_limits.MaxLocals})");

        var parameters = _type.ParameterArray;
        _locals = new ValueType[parameters.Length + (int)total];
        parameters.CopyTo(_locals, 0);
        var next = parameters.Length;
        foreach (var (count, type) in groups)
        {
            _locals.AsSpan(next, (int)count).Fill(type);
            next += (int)count;
        }
    }

    // ---- operand stack -------------------------------------------------------------------------

    private void Push(ValueType type)
    {
        _operands.Add(type);
        _producers.Add(Canonical);
        if (_operands.Count > _maxHeight)
        {
            _maxHeight = _operands.Count;
            if (_maxHeight > _limits.MaxOperandHeight)
                throw new ModuleException(ModuleErrorKind.TooLarge, $"operand stack deeper than {_limits.MaxOperandHeight}");
        }
    }

    private void Push(ValueType[] types)
    {
        foreach (var type in types) Push(type);
    }

    private ValueType Pop()
    {
        var frame = _controls[^1];
        if (_operands.Count == frame.Height)
        {
            if (frame.Unreachable) return Unknown;
            throw Invalid("type mismatch: operand stack underflow");
        }
        var type = _operands[^1];
        _operands.RemoveAt(_operands.Count - 1);
        Observed(_producers[^1], type);
        _producers.RemoveAt(_producers.Count - 1);
        return type;
    }

    private ValueType Pop(ValueType expected)
    {
        var actual = Pop();
        if (actual != expected && actual != Unknown && expected != Unknown)
            throw Invalid($"type mismatch: expected {expected.Name()}, found {actual.Name()}");
        return actual == Unknown ? expected : actual;
    }

    private void Pop(ValueType[] types)
    {
        for (var i = types.Length - 1; i >= 0; i--) Pop(types[i]);
    }

    private ValueType PopReference()
    {
        var type = Pop();
        if (type != Unknown && !type.IsReference()) throw Invalid($"type mismatch: expected a reference, found {type.Name()}");
        return type;
    }

    private void MarkUnreachable()
    {
        var frame = _controls[^1];
        _operands.RemoveRange(frame.Height, _operands.Count - frame.Height);
        _producers.RemoveRange(frame.Height, _producers.Count - frame.Height);
        frame.Unreachable = true;
    }

    /// <summary>Checks the frame's results are exactly what is left above its height.</summary>
    private void CheckFrameEnd(ControlFrame frame)
    {
        Pop(frame.EndTypes);
        if (_operands.Count != frame.Height) throw Invalid("type mismatch: values remaining on the stack at the end of a block");
    }

    private ControlFrame Label(uint depth)
    {
        if (depth >= (uint)_controls.Count) throw Invalid($"unknown label {depth}");
        return _controls[_controls.Count - 1 - (int)depth];
    }

    private void PushFrame(FrameKind kind, FunctionType blockType)
    {
        if (_controls.Count >= _limits.MaxNestingDepth)
            throw new ModuleException(ModuleErrorKind.TooLarge, $"blocks nested deeper than {_limits.MaxNestingDepth}");
        Pop(blockType.ParameterArray);
        var frame = new ControlFrame
        {
            Kind = kind,
            StartTypes = blockType.ParameterArray,
            EndTypes = blockType.ResultArray,
            Height = _operands.Count,
        };
        _controls.Add(frame);
        Push(blockType.ParameterArray);
    }

    private FunctionType ReadBlockType()
    {
        var b = _reader.PeekByte();
        if (b == 0x40)
        {
            _reader.ReadByte();
            return EmptyBlock;
        }
        if (ValueTypes.IsDefined(b))
        {
            _reader.ReadByte();
            return SingleResultBlocks[(ValueType)b];
        }
        var index = _reader.ReadS33();
        if (index < 0) throw WasmReader.Malformed("malformed value type in block type");
        if (index >= _module.Types.Length) throw Invalid($"unknown type {index}");
        return _module.Types[index];
    }

    private static readonly FunctionType EmptyBlock = new([], []);

    private static readonly Dictionary<ValueType, FunctionType> SingleResultBlocks =
        Enum.GetValues<ValueType>().ToDictionary(t => t, t => new FunctionType([], [t]));

    private void RequireMemory()
    {
        if (!_module.HasMemory) throw Invalid("unknown memory 0");
    }

    private ValueType Table(uint index)
    {
        if (index >= (uint)_module.TableTypes.Length) throw Invalid($"unknown table {index}");
        return _module.TableTypes[index];
    }

    private void RequireDataCount(uint index)
    {
        // Without a data count section the segments are unknown to the code; that is only malformed
        // when a data section exists, otherwise the module simply has no segment to name.
        if (_module.DataCount is null && _module.DataSegmentCount > 0) throw WasmReader.Malformed("data count section required");
        if (index >= (_module.DataCount ?? 0)) throw Invalid($"unknown data segment {index}");
    }

    private ValueType ElementSegment(uint index)
    {
        if (index >= (uint)_module.ElementTypes.Length) throw Invalid($"unknown elem segment {index}");
        return _module.ElementTypes[index];
    }

    private void ReadZeroByte()
    {
        if (_reader.ReadByte() != 0) throw WasmReader.Malformed("zero byte expected");
    }
}
