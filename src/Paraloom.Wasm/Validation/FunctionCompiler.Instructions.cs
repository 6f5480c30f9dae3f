using Paraloom.Wasm.Decoding;
using Paraloom.Wasm.Execution;

namespace Paraloom.Wasm.Validation;

internal sealed partial class FunctionCompiler
{
    private void CompileInstruction(byte opcode)
    {
        var codeBefore = _code.Count;
        _emittedThroughPeephole = false;
        CompileInstructionCore(opcode);
        // Anything emitted around the peephole invalidates its history.
        if (_code.Count != codeBefore && !_emittedThroughPeephole) ResetPeephole();
    }

    private void CompileInstructionCore(byte opcode)
    {
        switch (opcode)
        {
            case 0x00: // unreachable
                Charge();
                _code.Emit(Op.Unreachable);
                MarkUnreachable();
                StartSegment(Op.Fuel);
                break;
            case 0x01: // nop
                break;
            case 0x02: // block
                PushFrame(FrameKind.Block, ReadBlockType());
                break;
            case 0x03: // loop
            {
                var type = ReadBlockType();
                StartSegment(Op.LoopFuel);
                PushFrame(FrameKind.Loop, type, _code.Count - 2);
                break;
            }
            case 0x04: // if
            {
                var type = ReadBlockType();
                Charge();
                Pop(ValueType.I32);
                PushFrame(FrameKind.If, type);
                _code.Emit(Op.BrUnless);
                _controls[^1].ElseSite = _code.Emit(-1);
                StartFallthroughSegment();
                break;
            }
            case 0x05: // else
            {
                var frame = _controls[^1];
                if (frame.Kind != FrameKind.If) throw Invalid("else without a matching if");
                CheckFrameEnd(frame);
                _code.Emit(Op.Br);
                frame.Patches.Add(_code.Emit(-1));
                CloseSegment();
                _code[frame.ElseSite] = _code.Count;
                frame.ElseSite = -1;
                frame.Kind = FrameKind.Else;
                frame.Unreachable = false;
                Push(frame.StartTypes);
                StartSegment(Op.Fuel);
                break;
            }
            case 0x0B: // end
                CompileEnd();
                break;
            case 0x0C: // br
            {
                Charge();
                var frame = Label(_reader.ReadU32());
                Pop(frame.LabelTypes);
                Push(frame.LabelTypes);
                EmitBranch(frame, conditional: false);
                MarkUnreachable();
                StartSegment(Op.Fuel);
                break;
            }
            case 0x0D: // br_if
            {
                Charge();
                var frame = Label(_reader.ReadU32());
                Pop(ValueType.I32);
                Pop(frame.LabelTypes);
                Push(frame.LabelTypes);
                EmitBranch(frame, conditional: true);
                StartFallthroughSegment();
                break;
            }
            case 0x0E: // br_table
                Charge();
                CompileBrTable();
                StartSegment(Op.Fuel);
                break;
            case 0x0F: // return
                Charge();
                Pop(_type.ResultArray);
                _code.Emit(Op.Return);
                MarkUnreachable();
                StartSegment(Op.Fuel);
                break;
            case 0x10: // call
            {
                Charge();
                var function = _reader.ReadU32();
                if (function >= (uint)_module.FunctionTypeIndices.Length) throw Invalid($"unknown function {function}");
                var callee = _module.FunctionTypeOf(function);
                Pop(callee.ParameterArray);
                Push(callee.ResultArray);
                _code.Emit(Op.Call);
                _code.Emit((int)function);
                break;
            }
            case 0x11: // call_indirect
            {
                Charge();
                var typeIndex = _reader.ReadU32();
                var table = _reader.ReadU32();
                if (Table(table) != ValueType.FuncRef) throw Invalid("type mismatch: call_indirect needs a funcref table");
                if (typeIndex >= (uint)_module.Types.Length) throw Invalid($"unknown type {typeIndex}");
                Pop(ValueType.I32);
                var callee = _module.Types[typeIndex];
                Pop(callee.ParameterArray);
                Push(callee.ResultArray);
                _code.Emit(Op.CallIndirect);
                _code.Emit(_module.TypeIds[typeIndex]);
                _code.Emit((int)table);
                break;
            }
            case 0x1A: // drop
                Pop();
                _code.Emit(Op.Drop);
                break;
            case 0x1B: // select
            {
                Charge();
                Pop(ValueType.I32);
                var a = Pop();
                var b = Pop();
                if (a.IsReference() || b.IsReference()) throw Invalid("type mismatch: select without a type needs numeric operands");
                if (a != b && a != Unknown && b != Unknown) throw Invalid("type mismatch: select operands differ");
                Push(a == Unknown ? b : a);
                _code.Emit(Op.Select);
                break;
            }
            case 0x1C: // select t*
            {
                Charge();
                var count = _reader.ReadU32();
                if (count != 1) throw Invalid("invalid result arity for select");
                var type = _reader.ReadValueType();
                Pop(ValueType.I32);
                Pop(type);
                Pop(type);
                Push(type);
                _code.Emit(Op.Select);
                break;
            }
            case 0x20: // local.get
                Charge();
                Push(_locals[LocalIndex()]);
                EmitLocalGet(_lastLocal);
                break;
            case 0x21: // local.set
                Charge();
                Pop(_locals[LocalIndex()]);
                EmitLocalSet(_lastLocal);
                break;
            case 0x22: // local.tee
            {
                Charge();
                var type = _locals[LocalIndex()];
                Pop(type);
                Push(type);
                EmitLocalTee(_lastLocal);
                break;
            }
            case 0x23: // global.get
                Charge();
                Push(Global(_reader.ReadU32(), out var getIndex).Type);
                _code.Emit(Op.GlobalGet);
                _code.Emit(getIndex);
                break;
            case 0x24: // global.set
            {
                Charge();
                var global = Global(_reader.ReadU32(), out var setIndex);
                if (!global.Mutable) throw Invalid($"global is immutable: global {setIndex}");
                Pop(global.Type);
                _code.Emit(Op.GlobalSet);
                _code.Emit(setIndex);
                break;
            }
            case 0x25: // table.get
            {
                Charge();
                var table = _reader.ReadU32();
                var type = Table(table);
                Pop(ValueType.I32);
                Push(type);
                _code.Emit(Op.TableGet);
                _code.Emit((int)table);
                break;
            }
            case 0x26: // table.set
            {
                Charge();
                var table = _reader.ReadU32();
                var type = Table(table);
                Pop(type);
                Pop(ValueType.I32);
                _code.Emit(Op.TableSet);
                _code.Emit((int)table);
                break;
            }
            case >= 0x28 and <= 0x3E:
                Charge();
                CompileMemoryAccess(opcode);
                break;
            case 0x3F: // memory.size
                Charge();
                ReadZeroByte();
                RequireMemory();
                Push(ValueType.I32);
                _code.Emit(Op.MemorySize);
                break;
            case 0x40: // memory.grow
                Charge();
                ReadZeroByte();
                RequireMemory();
                Pop(ValueType.I32);
                Push(ValueType.I32);
                _code.Emit(Op.MemoryGrow);
                break;
            case 0x41: // i32.const
                Charge();
                Push(ValueType.I32);
                EmitConst32(_reader.ReadS32());
                break;
            case 0x42: // i64.const
                Charge();
                Push(ValueType.I64);
                EmitConst64((ulong)_reader.ReadS64());
                break;
            case 0x43: // f32.const
                Charge();
                Push(ValueType.F32);
                EmitConst32((int)_reader.ReadFixedU32());
                break;
            case 0x44: // f64.const
                Charge();
                Push(ValueType.F64);
                EmitConst64(_reader.ReadFixedU64());
                break;
            case >= 0x45 and <= 0xC4:
            {
                Charge();
                var (in1, in2, result) = Opcodes.Numeric(opcode);
                if (in2 != 0) Pop(in2);
                Pop(in1);
                Push(result);
                EmitNumeric(opcode);
                break;
            }
            case 0xD0: // ref.null
                Charge();
                Push(_reader.ReadReferenceType());
                EmitConst32(0);
                break;
            case 0xD1: // ref.is_null
                Charge();
                PopReference();
                Push(ValueType.I32);
                _code.Emit(Op.I64Eqz);
                break;
            case 0xD2: // ref.func
            {
                Charge();
                var function = _reader.ReadU32();
                if (function >= (uint)_module.FunctionTypeIndices.Length) throw Invalid($"unknown function {function}");
                if (!_module.DeclaredReferences[function]) throw Invalid($"undeclared function reference {function}");
                Push(ValueType.FuncRef);
                _code.Emit(Op.RefFunc);
                _code.Emit((int)function);
                break;
            }
            case 0xFC:
                Charge();
                CompilePrefixed(_reader.ReadU32());
                break;
            default:
                throw WasmReader.Malformed($"illegal opcode 0x{opcode:x2}");
        }
    }

    private int _lastLocal;

    private int LocalIndex()
    {
        var index = _reader.ReadU32();
        if (index >= (uint)_locals.Length) throw Invalid($"unknown local {index}");
        _lastLocal = (int)index;
        return (int)index;
    }

    private GlobalType Global(uint index, out int checkedIndex)
    {
        if (index >= (uint)_module.Globals.Length) throw Invalid($"unknown global {index}");
        checkedIndex = (int)index;
        return _module.Globals[index];
    }

    private void CompileEnd()
    {
        var frame = _controls[^1];
        CheckFrameEnd(frame);
        if (frame.Kind == FrameKind.If && !frame.StartTypes.AsSpan().SequenceEqual(frame.EndTypes))
            throw Invalid("type mismatch: if without else must leave its parameters as its results");
        _controls.RemoveAt(_controls.Count - 1);
        Push(frame.EndTypes);

        if (frame.Kind == FrameKind.Function)
        {
            // A branch to the function's label is a return.
            foreach (var site in frame.Patches) _code[site] = _code.Count;
            _code.Emit(Op.Return);
            CloseSegment();
            return;
        }
        // The end of a block nothing branches to (and of every loop) is not a branch target: the segment goes on.
        if (frame.ElseSite < 0 && frame.Patches.Count == 0) return;
        CloseSegment();
        var end = _code.Count;
        if (frame.ElseSite >= 0) _code[frame.ElseSite] = end;
        foreach (var site in frame.Patches) _code[site] = end;
        StartSegment(Op.Fuel);
    }

    private void CompileBrTable()
    {
        var count = _reader.ReadCount(_limits.MaxBrTableTargets, "br_table targets");
        var depths = new uint[count + 1];
        for (var i = 0; i <= count; i++) depths[i] = _reader.ReadU32();
        Pop(ValueType.I32);

        var defaultFrame = Label(depths[count]);
        var arity = defaultFrame.LabelTypes.Length;
        _code.Emit(Op.BrTable);
        _code.Emit(count);
        foreach (var depth in depths)
        {
            var frame = Label(depth);
            if (frame.LabelTypes.Length != arity) throw Invalid("type mismatch: br_table targets differ in arity");
            // Each label's types must match the values on the stack (which may be unknown in dead code).
            var saved = _operands.ToArray();
            Pop(frame.LabelTypes);
            _operands.Clear();
            _operands.AddRange(saved);
            EmitTarget(frame);
            _code.Emit(LocalSlots + frame.Height);
            _code.Emit(arity);
        }
        Pop(defaultFrame.LabelTypes);
        MarkUnreachable();
    }

    private void CompileMemoryAccess(byte opcode)
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
            EmitLoad(opcode, (int)offset);
        }
        else
        {
            Pop(type);
            Pop(ValueType.I32);
            EmitStore(opcode, (int)offset);
        }
    }

    private void CompilePrefixed(uint sub)
    {
        switch (sub)
        {
            case <= 7:
            {
                var (input, output) = Opcodes.TruncSat(sub);
                Pop(input);
                Push(output);
                _code.Emit(Op.TruncSatBase + (int)sub);
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
                _code.Emit(Op.MemoryInit);
                _code.Emit((int)data);
                break;
            }
            case 9: // data.drop
            {
                var data = _reader.ReadU32();
                RequireDataCount(data);
                _code.Emit(Op.DataDrop);
                _code.Emit((int)data);
                break;
            }
            case 10: // memory.copy
                ReadZeroByte();
                ReadZeroByte();
                RequireMemory();
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                _code.Emit(Op.MemoryCopy);
                break;
            case 11: // memory.fill
                ReadZeroByte();
                RequireMemory();
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                Pop(ValueType.I32);
                _code.Emit(Op.MemoryFill);
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
                _code.Emit(Op.TableInit);
                _code.Emit((int)segment);
                _code.Emit((int)table);
                break;
            }
            case 13: // elem.drop
            {
                var segment = _reader.ReadU32();
                ElementSegment(segment);
                _code.Emit(Op.ElemDrop);
                _code.Emit((int)segment);
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
                _code.Emit(Op.TableCopy);
                _code.Emit((int)destination);
                _code.Emit((int)source);
                break;
            }
            case 15: // table.grow
            {
                var table = _reader.ReadU32();
                var type = Table(table);
                Pop(ValueType.I32);
                Pop(type);
                Push(ValueType.I32);
                _code.Emit(Op.TableGrow);
                _code.Emit((int)table);
                break;
            }
            case 16: // table.size
            {
                var table = _reader.ReadU32();
                Table(table);
                Push(ValueType.I32);
                _code.Emit(Op.TableSize);
                _code.Emit((int)table);
                break;
            }
            case 17: // table.fill
            {
                var table = _reader.ReadU32();
                var type = Table(table);
                Pop(ValueType.I32);
                Pop(type);
                Pop(ValueType.I32);
                _code.Emit(Op.TableFill);
                _code.Emit((int)table);
                break;
            }
            default:
                throw WasmReader.Malformed($"illegal opcode 0xfc {sub}");
        }
    }
}
