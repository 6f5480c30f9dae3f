using Paraloom.Wasm.Decoding;

namespace Paraloom.Wasm.Validation;

internal sealed partial class FunctionValidator
{
    private void ValidateInstruction(int offset, byte opcode)
    {
        _ignoresNaNBits = opcode == 0x1A || (opcode is >= 0x45 and <= 0xC4 && IgnoresNaNBits(opcode))
                          || (opcode == 0xFC && _reader.PeekByte() <= 7);
        switch (opcode)
        {
            case 0x00: // unreachable
                MarkUnreachable();
                break;
            case 0x01: // nop
                break;
            case 0x02: // block
                PushFrame(FrameKind.Block, ReadBlockType());
                break;
            case 0x03: // loop
            {
                var type = ReadBlockType();
                PushFrame(FrameKind.Loop, type);
                break;
            }
            case 0x04: // if
            {
                var type = ReadBlockType();
                Pop(ValueType.I32);
                PushFrame(FrameKind.If, type);
                break;
            }
            case 0x05: // else
            {
                var frame = _controls[^1];
                if (frame.Kind != FrameKind.If) throw Invalid("else without a matching if");
                CheckFrameEnd(frame);
                frame.Kind = FrameKind.Else;
                frame.Unreachable = false;
                Push(frame.StartTypes);
                break;
            }
            case 0x0B: // end
                ValidateEnd();
                break;
            case 0x0C: // br
            {
                var frame = Label(_reader.ReadU32());
                Pop(frame.LabelTypes);
                Push(frame.LabelTypes);
                MarkUnreachable();
                break;
            }
            case 0x0D: // br_if
            {
                var frame = Label(_reader.ReadU32());
                Pop(ValueType.I32);
                Pop(frame.LabelTypes);
                Push(frame.LabelTypes);
                break;
            }
            case 0x0E: // br_table
                ValidateBrTable();
                break;
            case 0x0F: // return
                Pop(_type.ResultArray);
                MarkUnreachable();
                break;
            case 0x10: // call
            {
                var function = _reader.ReadU32();
                if (function >= (uint)_module.FunctionTypeIndices.Length) throw Invalid($"unknown function {function}");
                var callee = _module.FunctionTypeOf(function);
                Pop(callee.ParameterArray);
                Push(callee.ResultArray);
                _calls.Add(new CallSite(offset, _reader.Position, CallKind.Direct, function));
                break;
            }
            case 0x11: // call_indirect
            {
                var typeIndex = _reader.ReadU32();
                var table = _reader.ReadU32();
                if (Table(table) != ValueType.FuncRef) throw Invalid("type mismatch: call_indirect needs a funcref table");
                if (typeIndex >= (uint)_module.Types.Length) throw Invalid($"unknown type {typeIndex}");
                Pop(ValueType.I32);
                var callee = _module.Types[typeIndex];
                Pop(callee.ParameterArray);
                Push(callee.ResultArray);
                _calls.Add(new CallSite(offset, _reader.Position, CallKind.Indirect, typeIndex));
                break;
            }
            case 0x1A: // drop
                Pop();
                break;
            case 0x1B: // select
            {
                Pop(ValueType.I32);
                var a = Pop();
                var b = Pop();
                if (a.IsReference() || b.IsReference()) throw Invalid("type mismatch: select without a type needs numeric operands");
                if (a != b && a != Unknown && b != Unknown) throw Invalid("type mismatch: select operands differ");
                Push(a == Unknown ? b : a);
                break;
            }
            case 0x1C: // select t*
            {
                var count = _reader.ReadU32();
                if (count != 1) throw Invalid("invalid result arity for select");
                var type = _reader.ReadValueType();
                Pop(ValueType.I32);
                Pop(type);
                Pop(type);
                Push(type);
                break;
            }
            case 0x20: // local.get
                Push(_locals[LocalIndex()]);
                break;
            case 0x21: // local.set
                Pop(_locals[LocalIndex()]);
                break;
            case 0x22: // local.tee
            {
                var type = _locals[LocalIndex()];
                Pop(type);
                Push(type);
                break;
            }
            case 0x23: // global.get
                Push(Global(_reader.ReadU32(), out var getIndex).Type);
                break;
            case 0x24: // global.set
            {
                var global = Global(_reader.ReadU32(), out var setIndex);
                if (!global.Mutable) throw Invalid($"global is immutable: global {setIndex}");
                Pop(global.Type);
                break;
            }
            case 0x25: // table.get
            {
                var table = _reader.ReadU32();
                var type = Table(table);
                Pop(ValueType.I32);
                Push(type);
                break;
            }
            case 0x26: // table.set
            {
                var table = _reader.ReadU32();
                var type = Table(table);
                Pop(type);
                Pop(ValueType.I32);
                break;
            }
            case >= 0x28 and <= 0x3E:
                ValidateMemoryAccess(opcode);
                break;
            case 0x3F: // memory.size
                ReadZeroByte();
                RequireMemory();
                Push(ValueType.I32);
                break;
            case 0x40: // memory.grow
                ReadZeroByte();
                RequireMemory();
                Pop(ValueType.I32);
                Push(ValueType.I32);
                break;
            case 0x41: // i32.const
                _reader.ReadS32();
                Push(ValueType.I32);
                break;
            case 0x42: // i64.const
                _reader.ReadS64();
                Push(ValueType.I64);
                break;
            case 0x43: // f32.const
                _reader.ReadFixedU32();
                Push(ValueType.F32);
                break;
            case 0x44: // f64.const
                _reader.ReadFixedU64();
                Push(ValueType.F64);
                break;
            case >= 0x45 and <= 0xC4:
            {
                var (in1, in2, result) = Opcodes.Numeric(opcode);
                if (in2 != 0) Pop(in2);
                Pop(in1);
                if (IsFloatArithmetic(opcode)) PushArithmetic(result, _reader.Position);
                else Push(result);
                break;
            }
            case 0xD0: // ref.null
                Push(_reader.ReadReferenceType());
                break;
            case 0xD1: // ref.is_null
                PopReference();
                Push(ValueType.I32);
                break;
            case 0xD2: // ref.func
            {
                var function = _reader.ReadU32();
                if (function >= (uint)_module.FunctionTypeIndices.Length) throw Invalid($"unknown function {function}");
                if (!_module.DeclaredReferences[function]) throw Invalid($"undeclared function reference {function}");
                Push(ValueType.FuncRef);
                break;
            }
            case 0xFC:
                ValidatePrefixed(_reader.ReadU32());
                break;
            default:
                throw WasmReader.Malformed($"illegal opcode 0x{opcode:x2}");
        }
    }

    private int LocalIndex()
    {
        var index = _reader.ReadU32();
        if (index >= (uint)_locals.Length) throw Invalid($"unknown local {index}");
        return (int)index;
    }

    private GlobalType Global(uint index, out int checkedIndex)
    {
        if (index >= (uint)_module.Globals.Length) throw Invalid($"unknown global {index}");
        checkedIndex = (int)index;
        return _module.Globals[index];
    }

    private void ValidateEnd()
    {
        var frame = _controls[^1];
        CheckFrameEnd(frame);
        if (frame.Kind == FrameKind.If && !frame.StartTypes.AsSpan().SequenceEqual(frame.EndTypes))
            throw Invalid("type mismatch: if without else must leave its parameters as its results");
        _controls.RemoveAt(_controls.Count - 1);
        Push(frame.EndTypes);
    }

    private void ValidateBrTable()
    {
        var count = _reader.ReadCount(_limits.MaxBrTableTargets, "br_table targets");
        var depths = new uint[count + 1];
        for (var i = 0; i <= count; i++) depths[i] = _reader.ReadU32();
        Pop(ValueType.I32);

        var defaultFrame = Label(depths[count]);
        var arity = defaultFrame.LabelTypes.Length;
        foreach (var depth in depths)
        {
            var frame = Label(depth);
            if (frame.LabelTypes.Length != arity) throw Invalid("type mismatch: br_table targets differ in arity");
            // Each label's types must match the values on the stack (which may be unknown in dead code).
            var saved = _operands.ToArray();
            var savedProducers = _producers.ToArray();
            Pop(frame.LabelTypes);
            _operands.Clear();
            _operands.AddRange(saved);
            _producers.Clear();
            _producers.AddRange(savedProducers);
        }
        Pop(defaultFrame.LabelTypes);
        MarkUnreachable();
    }

    private void ValidateMemoryAccess(byte opcode)
    {
        var (type, maxAlign) = Opcodes.MemoryAccess(opcode);
        var align = _reader.ReadU32();
        var offset = _reader.ReadU32();
        RequireMemory();
        if (align > (uint)maxAlign) throw Invalid("alignment must not be larger than natural");
        if (opcode <= 0x35)
        {
            Pop(ValueType.I32);
            Push(type);
        }
        else
        {
            Pop(type);
            Pop(ValueType.I32);
        }
    }

    private void ValidatePrefixed(uint sub)
    {
        switch (sub)
        {
            case <= 7:
            {
                var (input, output) = Opcodes.TruncSat(sub);
                Pop(input);
                Push(output);
                break;
            }
            case 8: // memory.init
            {
                var data = _reader.ReadU32();
                ReadZeroByte();
                RequireMemory();
                RequireDataCount(data);
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                break;
            }
            case 9: // data.drop
            {
                var data = _reader.ReadU32();
                RequireDataCount(data);
                break;
            }
            case 10: // memory.copy
                ReadZeroByte();
                ReadZeroByte();
                RequireMemory();
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                break;
            case 11: // memory.fill
                ReadZeroByte();
                RequireMemory();
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                break;
            case 12: // table.init
            {
                var segment = _reader.ReadU32();
                var table = _reader.ReadU32();
                var tableType = Table(table);
                if (ElementSegment(segment) != tableType) throw Invalid("type mismatch: element segment and table types differ");
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                break;
            }
            case 13: // elem.drop
            {
                var segment = _reader.ReadU32();
                ElementSegment(segment);
                break;
            }
            case 14: // table.copy
            {
                var destination = _reader.ReadU32();
                var source = _reader.ReadU32();
                if (Table(destination) != Table(source)) throw Invalid("type mismatch: table.copy between tables of different types");
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                break;
            }
            case 15: // table.grow
            {
                var table = _reader.ReadU32();
                var type = Table(table);
                Pop(ValueType.I32);
                Pop(type);
                Push(ValueType.I32);
                break;
            }
            case 16: // table.size
            {
                var table = _reader.ReadU32();
                Table(table);
                Push(ValueType.I32);
                break;
            }
            case 17: // table.fill
            {
                var table = _reader.ReadU32();
                var type = Table(table);
                Pop(ValueType.I32);
                Pop(type);
                Pop(ValueType.I32);
                break;
            }
            default:
                throw WasmReader.Malformed($"illegal opcode 0xfc {sub}");
        }
    }
}
