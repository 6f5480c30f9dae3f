using System.Numerics;
using System.Runtime.CompilerServices;
using static Paraloom.Wasm.Execution.Numerics;

namespace Paraloom.Wasm.Execution;

internal static unsafe partial class Interpreter
{
    /// <summary>Runs <paramref name="entry"/> with its arguments at <paramref name="entryFp"/>; leaves its results there.</summary>
    private static void Execute(Store store, ExecutionStack stack, Function entry, ulong* entryFp)
    {
        var canonicalize = store.Engine.Config.CanonicalizeNaNs;
        var polls = store.PollsInterrupt;
        var pollCountdown = PollInterval;
        var stackEnd = stack.End;
        var frames = stack.Frames;
        var entryDepth = stack.Depth;
        var depth = entryDepth;

        var function = entry;
        var compiled = function.Code!;
        var fp = entryFp;
        if (fp + compiled.FrameSlots > stackEnd || depth >= stack.MaxDepth) TrapException.Throw(TrapCode.StackExhausted);
        new Span<ulong>(fp + compiled.ParameterCount, compiled.LocalCount - compiled.ParameterCount).Clear();
        var sp = fp + compiled.LocalCount;
        var code = compiled.Code;
        var ip = code;

        var instance = function.Instance!;
        var functions = instance.Functions;
        var globals = instance.Globals;
        var tables = instance.Tables;
        var memory = instance.Memory;
        var mem = memory is null ? null : memory.Pointer;
        var memSize = memory is null ? 0 : memory.Length;
        Function callee;

        while (true)
        {
            switch (*ip++)
            {
                case Op.Unreachable:
                    TrapException.Throw(TrapCode.Unreachable);
                    break;
                case Op.Fuel:
                    if ((store.FuelLeft -= *ip++) < 0) OutOfFuel(store);
                    break;
                case Op.LoopFuel:
                    if ((store.FuelLeft -= *ip++) < 0) OutOfFuel(store);
                    if (polls && --pollCountdown <= 0)
                    {
                        pollCountdown = PollInterval;
                        Poll(store);
                    }
                    break;
                case Op.Br:
                    ip = code + *ip;
                    break;
                case Op.BrMove:
                {
                    var destination = fp + ip[1];
                    var arity = ip[2];
                    Move(destination, sp - arity, arity);
                    sp = destination + arity;
                    ip = code + ip[0];
                    break;
                }
                case Op.BrIf:
                    if ((uint)*--sp != 0) ip = code + *ip;
                    else ip++;
                    break;
                case Op.BrIfMove:
                    if ((uint)*--sp != 0)
                    {
                        var destination = fp + ip[1];
                        var arity = ip[2];
                        Move(destination, sp - arity, arity);
                        sp = destination + arity;
                        ip = code + ip[0];
                    }
                    else
                    {
                        ip += 3;
                    }
                    break;
                case Op.BrUnless:
                    if ((uint)*--sp == 0) ip = code + *ip;
                    else ip++;
                    break;
                case Op.BrTable:
                {
                    var count = (uint)ip[0];
                    var index = (uint)*--sp;
                    if (index > count) index = count;
                    var entryPtr = ip + 1 + index * 3;
                    var destination = fp + entryPtr[1];
                    var arity = entryPtr[2];
                    Move(destination, sp - arity, arity);
                    sp = destination + arity;
                    ip = code + entryPtr[0];
                    break;
                }
                case Op.Return:
                {
                    var results = compiled.ResultCount;
                    Move(fp, sp - results, results);
                    sp = fp + results;
                    if (depth == entryDepth)
                    {
                        stack.Depth = depth;
                        return;
                    }
                    ref var frame = ref frames[--depth];
                    function = frame.Function;
                    fp = frame.FramePointer;
                    compiled = function.Code!;
                    code = compiled.Code;
                    ip = code + frame.ReturnOffset;
                    instance = function.Instance!;
                    functions = instance.Functions;
                    globals = instance.Globals;
                    tables = instance.Tables;
                    memory = instance.Memory;
                    mem = memory is null ? null : memory.Pointer;
                    memSize = memory is null ? 0 : memory.Length;
                    break;
                }
                case Op.Call:
                    callee = functions[*ip++];
                    goto Call;
                case Op.CallIndirect:
                {
                    var table = tables[ip[1]];
                    var typeId = ip[0];
                    ip += 2;
                    var index = (uint)*--sp;
                    if (index >= (uint)table.Count) TrapException.Throw(TrapCode.TableOutOfBounds);
                    var handle = table.Elements[index];
                    if (handle == 0) TrapException.Throw(TrapCode.IndirectCallToNull);
                    callee = store.FunctionAt(handle);
                    if (callee.TypeId != typeId) TrapException.Throw(TrapCode.IndirectCallTypeMismatch);
                    goto Call;
                }
                case Op.Drop:
                    sp--;
                    break;
                case Op.Select:
                    sp -= 2;
                    if ((uint)sp[1] == 0) sp[-1] = sp[0];
                    break;
                case Op.LocalGet:
                    *sp++ = fp[*ip++];
                    break;
                case Op.LocalSet:
                    fp[*ip++] = *--sp;
                    break;
                case Op.LocalTee:
                    fp[*ip++] = sp[-1];
                    break;
                case Op.GlobalGet:
                    *sp++ = globals[*ip++].Bits;
                    break;
                case Op.GlobalSet:
                    globals[*ip++].Bits = *--sp;
                    break;
                case Op.TableGet:
                {
                    var table = tables[*ip++];
                    var index = (uint)sp[-1];
                    if (index >= (uint)table.Count) TrapException.Throw(TrapCode.TableOutOfBounds);
                    sp[-1] = table.Elements[index];
                    break;
                }
                case Op.TableSet:
                {
                    var table = tables[*ip++];
                    sp -= 2;
                    var index = (uint)sp[0];
                    if (index >= (uint)table.Count) TrapException.Throw(TrapCode.TableOutOfBounds);
                    table.Elements[index] = sp[1];
                    break;
                }
                case Op.MemorySize:
                    *sp++ = memSize / Memory.PageSize;
                    break;
                case Op.MemoryGrow:
                    sp[-1] = (uint)(int)memory!.Grow((uint)sp[-1]);
                    mem = memory.Pointer;
                    memSize = memory.Length;
                    break;
                case Op.Const32:
                    *sp++ = (uint)*ip++;
                    break;
                case Op.Const64:
                    *sp++ = (uint)ip[0] | ((ulong)(uint)ip[1] << 32);
                    ip += 2;
                    break;
                case Op.RefFunc:
                    *sp++ = functions[*ip++].Handle;
                    break;
                case Op.MemoryInit:
                {
                    var segment = instance.DataSegments[*ip++];
                    sp -= 3;
                    var destination = (uint)sp[0];
                    var source = (uint)sp[1];
                    var length = (uint)sp[2];
                    if ((ulong)source + length > (ulong)segment.Length || (ulong)destination + length > memSize)
                        TrapException.Throw(TrapCode.MemoryOutOfBounds);
                    segment.AsSpan((int)source, (int)length).CopyTo(new Span<byte>(mem + destination, (int)length));
                    break;
                }
                case Op.DataDrop:
                    instance.DataSegments[*ip++] = [];
                    break;
                case Op.MemoryCopy:
                {
                    sp -= 3;
                    var destination = (uint)sp[0];
                    var source = (uint)sp[1];
                    var length = (uint)sp[2];
                    if ((ulong)source + length > memSize || (ulong)destination + length > memSize)
                        TrapException.Throw(TrapCode.MemoryOutOfBounds);
                    Buffer.MemoryCopy(mem + source, mem + destination, length, length);
                    break;
                }
                case Op.MemoryFill:
                {
                    sp -= 3;
                    var destination = (uint)sp[0];
                    var length = (uint)sp[2];
                    if ((ulong)destination + length > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds);
                    new Span<byte>(mem + destination, (int)length).Fill((byte)sp[1]);
                    break;
                }
                case Op.TableInit:
                {
                    var segment = instance.ElementSegments[ip[0]];
                    var table = tables[ip[1]];
                    ip += 2;
                    sp -= 3;
                    var destination = (uint)sp[0];
                    var source = (uint)sp[1];
                    var length = (uint)sp[2];
                    if ((ulong)source + length > (ulong)segment.Length || (ulong)destination + length > (ulong)table.Count)
                        TrapException.Throw(TrapCode.TableOutOfBounds);
                    Array.Copy(segment, source, table.Elements, destination, length);
                    break;
                }
                case Op.ElemDrop:
                    instance.ElementSegments[*ip++] = [];
                    break;
                case Op.TableCopy:
                {
                    var destinationTable = tables[ip[0]];
                    var sourceTable = tables[ip[1]];
                    ip += 2;
                    sp -= 3;
                    var destination = (uint)sp[0];
                    var source = (uint)sp[1];
                    var length = (uint)sp[2];
                    if ((ulong)source + length > (ulong)sourceTable.Count || (ulong)destination + length > (ulong)destinationTable.Count)
                        TrapException.Throw(TrapCode.TableOutOfBounds);
                    Array.Copy(sourceTable.Elements, source, destinationTable.Elements, destination, length);
                    break;
                }
                case Op.TableGrow:
                {
                    var table = tables[*ip++];
                    sp--;
                    sp[-1] = (uint)(int)table.Grow((uint)sp[0], sp[-1]);
                    break;
                }
                case Op.TableSize:
                    *sp++ = (uint)tables[*ip++].Count;
                    break;
                case Op.TableFill:
                {
                    var table = tables[*ip++];
                    sp -= 3;
                    var destination = (uint)sp[0];
                    var length = (uint)sp[2];
                    if ((ulong)destination + length > (ulong)table.Count) TrapException.Throw(TrapCode.TableOutOfBounds);
                    table.Elements.AsSpan((int)destination, (int)length).Fill(sp[1]);
                    break;
                }

                // ---- loads and stores: effective address = unsigned operand + unsigned offset ----
                case 0x28: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = Unsafe.ReadUnaligned<uint>(mem + ea); break; }
                case 0x29: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = Unsafe.ReadUnaligned<ulong>(mem + ea); break; }
                case 0x2A: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = Unsafe.ReadUnaligned<uint>(mem + ea); break; }
                case 0x2B: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = Unsafe.ReadUnaligned<ulong>(mem + ea); break; }
                case 0x2C: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = (uint)(int)*(sbyte*)(mem + ea); break; }
                case 0x2D: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = mem[ea]; break; }
                case 0x2E: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = (uint)(int)Unsafe.ReadUnaligned<short>(mem + ea); break; }
                case 0x2F: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = Unsafe.ReadUnaligned<ushort>(mem + ea); break; }
                case 0x30: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = (ulong)(long)*(sbyte*)(mem + ea); break; }
                case 0x31: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = mem[ea]; break; }
                case 0x32: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = (ulong)(long)Unsafe.ReadUnaligned<short>(mem + ea); break; }
                case 0x33: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = Unsafe.ReadUnaligned<ushort>(mem + ea); break; }
                case 0x34: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = (ulong)(long)Unsafe.ReadUnaligned<int>(mem + ea); break; }
                case 0x35: { var ea = (ulong)(uint)sp[-1] + (uint)*ip++; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); sp[-1] = Unsafe.ReadUnaligned<uint>(mem + ea); break; }
                case 0x36: { sp -= 2; var ea = (ulong)(uint)sp[0] + (uint)*ip++; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (uint)sp[1]); break; }
                case 0x37: { sp -= 2; var ea = (ulong)(uint)sp[0] + (uint)*ip++; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, sp[1]); break; }
                case 0x38: { sp -= 2; var ea = (ulong)(uint)sp[0] + (uint)*ip++; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (uint)sp[1]); break; }
                case 0x39: { sp -= 2; var ea = (ulong)(uint)sp[0] + (uint)*ip++; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, sp[1]); break; }
                case 0x3A: case 0x3C: { sp -= 2; var ea = (ulong)(uint)sp[0] + (uint)*ip++; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); mem[ea] = (byte)sp[1]; break; }
                case 0x3B: case 0x3D: { sp -= 2; var ea = (ulong)(uint)sp[0] + (uint)*ip++; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (ushort)sp[1]); break; }
                case 0x3E: { sp -= 2; var ea = (ulong)(uint)sp[0] + (uint)*ip++; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (uint)sp[1]); break; }

                // ---- i32 comparisons ----
                case 0x45: sp[-1] = (uint)sp[-1] == 0 ? 1UL : 0UL; break;
                case 0x46: sp--; sp[-1] = (uint)sp[-1] == (uint)sp[0] ? 1UL : 0UL; break;
                case 0x47: sp--; sp[-1] = (uint)sp[-1] != (uint)sp[0] ? 1UL : 0UL; break;
                case 0x48: sp--; sp[-1] = (int)sp[-1] < (int)sp[0] ? 1UL : 0UL; break;
                case 0x49: sp--; sp[-1] = (uint)sp[-1] < (uint)sp[0] ? 1UL : 0UL; break;
                case 0x4A: sp--; sp[-1] = (int)sp[-1] > (int)sp[0] ? 1UL : 0UL; break;
                case 0x4B: sp--; sp[-1] = (uint)sp[-1] > (uint)sp[0] ? 1UL : 0UL; break;
                case 0x4C: sp--; sp[-1] = (int)sp[-1] <= (int)sp[0] ? 1UL : 0UL; break;
                case 0x4D: sp--; sp[-1] = (uint)sp[-1] <= (uint)sp[0] ? 1UL : 0UL; break;
                case 0x4E: sp--; sp[-1] = (int)sp[-1] >= (int)sp[0] ? 1UL : 0UL; break;
                case 0x4F: sp--; sp[-1] = (uint)sp[-1] >= (uint)sp[0] ? 1UL : 0UL; break;

                // ---- i64 comparisons (0x50 is also ref.is_null) ----
                case 0x50: sp[-1] = sp[-1] == 0 ? 1UL : 0UL; break;
                case 0x51: sp--; sp[-1] = sp[-1] == sp[0] ? 1UL : 0UL; break;
                case 0x52: sp--; sp[-1] = sp[-1] != sp[0] ? 1UL : 0UL; break;
                case 0x53: sp--; sp[-1] = (long)sp[-1] < (long)sp[0] ? 1UL : 0UL; break;
                case 0x54: sp--; sp[-1] = sp[-1] < sp[0] ? 1UL : 0UL; break;
                case 0x55: sp--; sp[-1] = (long)sp[-1] > (long)sp[0] ? 1UL : 0UL; break;
                case 0x56: sp--; sp[-1] = sp[-1] > sp[0] ? 1UL : 0UL; break;
                case 0x57: sp--; sp[-1] = (long)sp[-1] <= (long)sp[0] ? 1UL : 0UL; break;
                case 0x58: sp--; sp[-1] = sp[-1] <= sp[0] ? 1UL : 0UL; break;
                case 0x59: sp--; sp[-1] = (long)sp[-1] >= (long)sp[0] ? 1UL : 0UL; break;
                case 0x5A: sp--; sp[-1] = sp[-1] >= sp[0] ? 1UL : 0UL; break;

                // ---- float comparisons ----
                case 0x5B: sp--; sp[-1] = AsF32(sp[-1]) == AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x5C: sp--; sp[-1] = AsF32(sp[-1]) != AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x5D: sp--; sp[-1] = AsF32(sp[-1]) < AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x5E: sp--; sp[-1] = AsF32(sp[-1]) > AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x5F: sp--; sp[-1] = AsF32(sp[-1]) <= AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x60: sp--; sp[-1] = AsF32(sp[-1]) >= AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x61: sp--; sp[-1] = AsF64(sp[-1]) == AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x62: sp--; sp[-1] = AsF64(sp[-1]) != AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x63: sp--; sp[-1] = AsF64(sp[-1]) < AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x64: sp--; sp[-1] = AsF64(sp[-1]) > AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x65: sp--; sp[-1] = AsF64(sp[-1]) <= AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x66: sp--; sp[-1] = AsF64(sp[-1]) >= AsF64(sp[0]) ? 1UL : 0UL; break;

                // ---- i32 arithmetic ----
                case 0x67: sp[-1] = (uint)BitOperations.LeadingZeroCount((uint)sp[-1]); break;
                case 0x68: sp[-1] = (uint)BitOperations.TrailingZeroCount((uint)sp[-1]); break;
                case 0x69: sp[-1] = (uint)BitOperations.PopCount((uint)sp[-1]); break;
                case 0x6A: sp--; sp[-1] = (uint)sp[-1] + (uint)sp[0]; break;
                case 0x6B: sp--; sp[-1] = (uint)sp[-1] - (uint)sp[0]; break;
                case 0x6C: sp--; sp[-1] = (uint)sp[-1] * (uint)sp[0]; break;
                case 0x6D:
                {
                    sp--;
                    var b = (int)sp[0];
                    var a = (int)sp[-1];
                    if (b == 0) TrapException.Throw(TrapCode.IntegerDivideByZero);
                    if (b == -1 && a == int.MinValue) TrapException.Throw(TrapCode.IntegerOverflow);
                    sp[-1] = (uint)(a / b);
                    break;
                }
                case 0x6E:
                {
                    sp--;
                    var b = (uint)sp[0];
                    if (b == 0) TrapException.Throw(TrapCode.IntegerDivideByZero);
                    sp[-1] = (uint)sp[-1] / b;
                    break;
                }
                case 0x6F:
                {
                    sp--;
                    var b = (int)sp[0];
                    if (b == 0) TrapException.Throw(TrapCode.IntegerDivideByZero);
                    sp[-1] = b == -1 ? 0 : (uint)((int)sp[-1] % b);
                    break;
                }
                case 0x70:
                {
                    sp--;
                    var b = (uint)sp[0];
                    if (b == 0) TrapException.Throw(TrapCode.IntegerDivideByZero);
                    sp[-1] = (uint)sp[-1] % b;
                    break;
                }
                case 0x71: sp--; sp[-1] = (uint)sp[-1] & (uint)sp[0]; break;
                case 0x72: sp--; sp[-1] = (uint)sp[-1] | (uint)sp[0]; break;
                case 0x73: sp--; sp[-1] = (uint)sp[-1] ^ (uint)sp[0]; break;
                case 0x74: sp--; sp[-1] = (uint)sp[-1] << (int)sp[0]; break;
                case 0x75: sp--; sp[-1] = (uint)((int)sp[-1] >> (int)sp[0]); break;
                case 0x76: sp--; sp[-1] = (uint)sp[-1] >> (int)sp[0]; break;
                case 0x77: sp--; sp[-1] = BitOperations.RotateLeft((uint)sp[-1], (int)sp[0]); break;
                case 0x78: sp--; sp[-1] = BitOperations.RotateRight((uint)sp[-1], (int)sp[0]); break;

                // ---- i64 arithmetic ----
                case 0x79: sp[-1] = (ulong)BitOperations.LeadingZeroCount(sp[-1]); break;
                case 0x7A: sp[-1] = (ulong)BitOperations.TrailingZeroCount(sp[-1]); break;
                case 0x7B: sp[-1] = (ulong)BitOperations.PopCount(sp[-1]); break;
                case 0x7C: sp--; sp[-1] += sp[0]; break;
                case 0x7D: sp--; sp[-1] -= sp[0]; break;
                case 0x7E: sp--; sp[-1] *= sp[0]; break;
                case 0x7F:
                {
                    sp--;
                    var b = (long)sp[0];
                    var a = (long)sp[-1];
                    if (b == 0) TrapException.Throw(TrapCode.IntegerDivideByZero);
                    if (b == -1 && a == long.MinValue) TrapException.Throw(TrapCode.IntegerOverflow);
                    sp[-1] = (ulong)(a / b);
                    break;
                }
                case 0x80:
                {
                    sp--;
                    var b = sp[0];
                    if (b == 0) TrapException.Throw(TrapCode.IntegerDivideByZero);
                    sp[-1] /= b;
                    break;
                }
                case 0x81:
                {
                    sp--;
                    var b = (long)sp[0];
                    if (b == 0) TrapException.Throw(TrapCode.IntegerDivideByZero);
                    sp[-1] = b == -1 ? 0 : (ulong)((long)sp[-1] % b);
                    break;
                }
                case 0x82:
                {
                    sp--;
                    var b = sp[0];
                    if (b == 0) TrapException.Throw(TrapCode.IntegerDivideByZero);
                    sp[-1] %= b;
                    break;
                }
                case 0x83: sp--; sp[-1] &= sp[0]; break;
                case 0x84: sp--; sp[-1] |= sp[0]; break;
                case 0x85: sp--; sp[-1] ^= sp[0]; break;
                case 0x86: sp--; sp[-1] <<= (int)sp[0]; break;
                case 0x87: sp--; sp[-1] = (ulong)((long)sp[-1] >> (int)sp[0]); break;
                case 0x88: sp--; sp[-1] >>= (int)sp[0]; break;
                case 0x89: sp--; sp[-1] = BitOperations.RotateLeft(sp[-1], (int)sp[0]); break;
                case 0x8A: sp--; sp[-1] = BitOperations.RotateRight(sp[-1], (int)sp[0]); break;

                // ---- f32 arithmetic (abs/neg/copysign are bit operations and keep NaN payloads) ----
                case 0x8B: sp[-1] = (uint)sp[-1] & 0x7FFFFFFFu; break;
                case 0x8C: sp[-1] = (uint)sp[-1] ^ 0x80000000u; break;
                case 0x8D: sp[-1] = F32(MathF.Ceiling(AsF32(sp[-1])), canonicalize); break;
                case 0x8E: sp[-1] = F32(MathF.Floor(AsF32(sp[-1])), canonicalize); break;
                case 0x8F: sp[-1] = F32(MathF.Truncate(AsF32(sp[-1])), canonicalize); break;
                case 0x90: sp[-1] = F32(Nearest(AsF32(sp[-1])), canonicalize); break;
                case 0x91: sp[-1] = F32(MathF.Sqrt(AsF32(sp[-1])), canonicalize); break;
                case 0x92: sp--; sp[-1] = F32(AsF32(sp[-1]) + AsF32(sp[0]), canonicalize); break;
                case 0x93: sp--; sp[-1] = F32(AsF32(sp[-1]) - AsF32(sp[0]), canonicalize); break;
                case 0x94: sp--; sp[-1] = F32(AsF32(sp[-1]) * AsF32(sp[0]), canonicalize); break;
                case 0x95: sp--; sp[-1] = F32(AsF32(sp[-1]) / AsF32(sp[0]), canonicalize); break;
                case 0x96: sp--; sp[-1] = F32(Min(AsF32(sp[-1]), AsF32(sp[0])), canonicalize); break;
                case 0x97: sp--; sp[-1] = F32(Max(AsF32(sp[-1]), AsF32(sp[0])), canonicalize); break;
                case 0x98: sp--; sp[-1] = ((uint)sp[-1] & 0x7FFFFFFFu) | ((uint)sp[0] & 0x80000000u); break;

                // ---- f64 arithmetic ----
                case 0x99: sp[-1] &= 0x7FFFFFFFFFFFFFFFUL; break;
                case 0x9A: sp[-1] ^= 0x8000000000000000UL; break;
                case 0x9B: sp[-1] = F64(Math.Ceiling(AsF64(sp[-1])), canonicalize); break;
                case 0x9C: sp[-1] = F64(Math.Floor(AsF64(sp[-1])), canonicalize); break;
                case 0x9D: sp[-1] = F64(Math.Truncate(AsF64(sp[-1])), canonicalize); break;
                case 0x9E: sp[-1] = F64(Nearest(AsF64(sp[-1])), canonicalize); break;
                case 0x9F: sp[-1] = F64(Math.Sqrt(AsF64(sp[-1])), canonicalize); break;
                case 0xA0: sp--; sp[-1] = F64(AsF64(sp[-1]) + AsF64(sp[0]), canonicalize); break;
                case 0xA1: sp--; sp[-1] = F64(AsF64(sp[-1]) - AsF64(sp[0]), canonicalize); break;
                case 0xA2: sp--; sp[-1] = F64(AsF64(sp[-1]) * AsF64(sp[0]), canonicalize); break;
                case 0xA3: sp--; sp[-1] = F64(AsF64(sp[-1]) / AsF64(sp[0]), canonicalize); break;
                case 0xA4: sp--; sp[-1] = F64(Min(AsF64(sp[-1]), AsF64(sp[0])), canonicalize); break;
                case 0xA5: sp--; sp[-1] = F64(Max(AsF64(sp[-1]), AsF64(sp[0])), canonicalize); break;
                case 0xA6: sp--; sp[-1] = (sp[-1] & 0x7FFFFFFFFFFFFFFFUL) | (sp[0] & 0x8000000000000000UL); break;

                // ---- conversions (reinterpretations are no-ops on slots) ----
                case 0xA7: sp[-1] = (uint)sp[-1]; break;
                case 0xA8: sp[-1] = (uint)TruncI32(AsF32(sp[-1])); break;
                case 0xA9: sp[-1] = TruncU32(AsF32(sp[-1])); break;
                case 0xAA: sp[-1] = (uint)TruncI32(AsF64(sp[-1])); break;
                case 0xAB: sp[-1] = TruncU32(AsF64(sp[-1])); break;
                case 0xAC: sp[-1] = (ulong)(long)(int)sp[-1]; break;
                case 0xAD: sp[-1] = (uint)sp[-1]; break;
                case 0xAE: sp[-1] = (ulong)TruncI64(AsF32(sp[-1])); break;
                case 0xAF: sp[-1] = TruncU64(AsF32(sp[-1])); break;
                case 0xB0: sp[-1] = (ulong)TruncI64(AsF64(sp[-1])); break;
                case 0xB1: sp[-1] = TruncU64(AsF64(sp[-1])); break;
                case 0xB2: sp[-1] = F32((int)sp[-1], false); break;
                case 0xB3: sp[-1] = F32((long)(uint)sp[-1], false); break;
                case 0xB4: sp[-1] = F32((long)sp[-1], false); break;
                case 0xB5: sp[-1] = F32(ConvertU64ToF32(sp[-1]), false); break;
                case 0xB6: sp[-1] = F32((float)AsF64(sp[-1]), canonicalize); break;
                case 0xB7: sp[-1] = F64((int)sp[-1], false); break;
                case 0xB8: sp[-1] = F64((uint)sp[-1], false); break;
                case 0xB9: sp[-1] = F64((long)sp[-1], false); break;
                case 0xBA: sp[-1] = F64(ConvertU64ToF64(sp[-1]), false); break;
                case 0xBB: sp[-1] = F64(AsF32(sp[-1]), canonicalize); break;
                case 0xBC: case 0xBD: case 0xBE: case 0xBF: break;
                case 0xC0: sp[-1] = (uint)(int)(sbyte)sp[-1]; break;
                case 0xC1: sp[-1] = (uint)(int)(short)sp[-1]; break;
                case 0xC2: sp[-1] = (ulong)(long)(sbyte)sp[-1]; break;
                case 0xC3: sp[-1] = (ulong)(long)(short)sp[-1]; break;
                case 0xC4: sp[-1] = (ulong)(long)(int)sp[-1]; break;

                // ---- saturating truncations ----
                case Op.TruncSatBase + 0: sp[-1] = (uint)TruncSatI32(AsF32(sp[-1])); break;
                case Op.TruncSatBase + 1: sp[-1] = TruncSatU32(AsF32(sp[-1])); break;
                case Op.TruncSatBase + 2: sp[-1] = (uint)TruncSatI32(AsF64(sp[-1])); break;
                case Op.TruncSatBase + 3: sp[-1] = TruncSatU32(AsF64(sp[-1])); break;
                case Op.TruncSatBase + 4: sp[-1] = (ulong)TruncSatI64(AsF32(sp[-1])); break;
                case Op.TruncSatBase + 5: sp[-1] = TruncSatU64(AsF32(sp[-1])); break;
                case Op.TruncSatBase + 6: sp[-1] = (ulong)TruncSatI64(AsF64(sp[-1])); break;
                case Op.TruncSatBase + 7: sp[-1] = TruncSatU64(AsF64(sp[-1])); break;

                // ---- fused: binary operator with a constant right operand (0x100 | opcode) [constant] ----
                case 0x16A: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a + b; break; }
                case 0x16B: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a - b; break; }
                case 0x16C: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a * b; break; }
                case 0x171: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a & b; break; }
                case 0x172: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a | b; break; }
                case 0x173: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a ^ b; break; }
                case 0x174: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a << (int)b; break; }
                case 0x175: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = (uint)((int)a >> (int)b); break; }
                case 0x176: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a >> (int)b; break; }
                case 0x177: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = BitOperations.RotateLeft(a, (int)b); break; }
                case 0x178: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = BitOperations.RotateRight(a, (int)b); break; }
                case 0x146: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a == b ? 1UL : 0UL; break; }
                case 0x147: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a != b ? 1UL : 0UL; break; }
                case 0x148: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = (int)a < (int)b ? 1UL : 0UL; break; }
                case 0x149: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a < b ? 1UL : 0UL; break; }
                case 0x14A: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = (int)a > (int)b ? 1UL : 0UL; break; }
                case 0x14B: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a > b ? 1UL : 0UL; break; }
                case 0x14C: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = (int)a <= (int)b ? 1UL : 0UL; break; }
                case 0x14D: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a <= b ? 1UL : 0UL; break; }
                case 0x14E: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = (int)a >= (int)b ? 1UL : 0UL; break; }
                case 0x14F: { var a = (uint)sp[-1]; var b = (uint)*ip++; sp[-1] = a >= b ? 1UL : 0UL; break; }
                case 0x17C: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a + b; break; }
                case 0x17D: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a - b; break; }
                case 0x17E: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a * b; break; }
                case 0x183: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a & b; break; }
                case 0x184: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a | b; break; }
                case 0x185: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a ^ b; break; }
                case 0x186: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a << (int)b; break; }
                case 0x187: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = (ulong)((long)a >> (int)b); break; }
                case 0x188: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a >> (int)b; break; }
                case 0x189: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = BitOperations.RotateLeft(a, (int)b); break; }
                case 0x18A: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = BitOperations.RotateRight(a, (int)b); break; }
                case 0x151: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a == b ? 1UL : 0UL; break; }
                case 0x152: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a != b ? 1UL : 0UL; break; }
                case 0x153: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = (long)a < (long)b ? 1UL : 0UL; break; }
                case 0x154: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a < b ? 1UL : 0UL; break; }
                case 0x155: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = (long)a > (long)b ? 1UL : 0UL; break; }
                case 0x156: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a > b ? 1UL : 0UL; break; }
                case 0x157: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = (long)a <= (long)b ? 1UL : 0UL; break; }
                case 0x158: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a <= b ? 1UL : 0UL; break; }
                case 0x159: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = (long)a >= (long)b ? 1UL : 0UL; break; }
                case 0x15A: { var a = sp[-1]; var b = (uint)ip[0] | ((ulong)(uint)ip[1] << 32); ip += 2; sp[-1] = a >= b ? 1UL : 0UL; break; }
                // ---- fused: binary operator with a local right operand (0x200 | opcode) [slot] ----
                case 0x26A: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a + b; break; }
                case 0x26B: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a - b; break; }
                case 0x26C: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a * b; break; }
                case 0x271: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a & b; break; }
                case 0x272: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a | b; break; }
                case 0x273: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a ^ b; break; }
                case 0x274: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a << (int)b; break; }
                case 0x275: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = (uint)((int)a >> (int)b); break; }
                case 0x276: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a >> (int)b; break; }
                case 0x277: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = BitOperations.RotateLeft(a, (int)b); break; }
                case 0x278: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = BitOperations.RotateRight(a, (int)b); break; }
                case 0x246: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a == b ? 1UL : 0UL; break; }
                case 0x247: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a != b ? 1UL : 0UL; break; }
                case 0x248: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = (int)a < (int)b ? 1UL : 0UL; break; }
                case 0x249: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a < b ? 1UL : 0UL; break; }
                case 0x24A: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = (int)a > (int)b ? 1UL : 0UL; break; }
                case 0x24B: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a > b ? 1UL : 0UL; break; }
                case 0x24C: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = (int)a <= (int)b ? 1UL : 0UL; break; }
                case 0x24D: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a <= b ? 1UL : 0UL; break; }
                case 0x24E: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = (int)a >= (int)b ? 1UL : 0UL; break; }
                case 0x24F: { var a = (uint)sp[-1]; var b = (uint)fp[*ip++]; sp[-1] = a >= b ? 1UL : 0UL; break; }
                case 0x27C: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a + b; break; }
                case 0x27D: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a - b; break; }
                case 0x27E: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a * b; break; }
                case 0x283: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a & b; break; }
                case 0x284: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a | b; break; }
                case 0x285: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a ^ b; break; }
                case 0x286: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a << (int)b; break; }
                case 0x287: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = (ulong)((long)a >> (int)b); break; }
                case 0x288: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a >> (int)b; break; }
                case 0x289: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = BitOperations.RotateLeft(a, (int)b); break; }
                case 0x28A: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = BitOperations.RotateRight(a, (int)b); break; }
                case 0x251: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a == b ? 1UL : 0UL; break; }
                case 0x252: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a != b ? 1UL : 0UL; break; }
                case 0x253: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = (long)a < (long)b ? 1UL : 0UL; break; }
                case 0x254: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a < b ? 1UL : 0UL; break; }
                case 0x255: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = (long)a > (long)b ? 1UL : 0UL; break; }
                case 0x256: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a > b ? 1UL : 0UL; break; }
                case 0x257: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = (long)a <= (long)b ? 1UL : 0UL; break; }
                case 0x258: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a <= b ? 1UL : 0UL; break; }
                case 0x259: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = (long)a >= (long)b ? 1UL : 0UL; break; }
                case 0x25A: { var a = sp[-1]; var b = fp[*ip++]; sp[-1] = a >= b ? 1UL : 0UL; break; }
                case 0x2A0: { sp[-1] = F64(AsF64(sp[-1]) + AsF64(fp[*ip++]), canonicalize); break; }
                case 0x2A1: { sp[-1] = F64(AsF64(sp[-1]) - AsF64(fp[*ip++]), canonicalize); break; }
                case 0x2A2: { sp[-1] = F64(AsF64(sp[-1]) * AsF64(fp[*ip++]), canonicalize); break; }
                case 0x2A3: { sp[-1] = F64(AsF64(sp[-1]) / AsF64(fp[*ip++]), canonicalize); break; }
                case 0x292: { sp[-1] = F32(AsF32(sp[-1]) + AsF32(fp[*ip++]), canonicalize); break; }
                case 0x293: { sp[-1] = F32(AsF32(sp[-1]) - AsF32(fp[*ip++]), canonicalize); break; }
                case 0x294: { sp[-1] = F32(AsF32(sp[-1]) * AsF32(fp[*ip++]), canonicalize); break; }
                case 0x295: { sp[-1] = F32(AsF32(sp[-1]) / AsF32(fp[*ip++]), canonicalize); break; }
                // ---- fused: i32 binary operator on two locals (0x300 | opcode) [slot a, slot b] ----
                case 0x36A: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a + b; break; }
                case 0x36B: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a - b; break; }
                case 0x36C: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a * b; break; }
                case 0x371: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a & b; break; }
                case 0x372: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a | b; break; }
                case 0x373: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a ^ b; break; }
                case 0x374: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a << (int)b; break; }
                case 0x375: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = (uint)((int)a >> (int)b); break; }
                case 0x376: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a >> (int)b; break; }
                case 0x377: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = BitOperations.RotateLeft(a, (int)b); break; }
                case 0x378: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = BitOperations.RotateRight(a, (int)b); break; }
                case 0x346: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a == b ? 1UL : 0UL; break; }
                case 0x347: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a != b ? 1UL : 0UL; break; }
                case 0x348: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = (int)a < (int)b ? 1UL : 0UL; break; }
                case 0x349: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a < b ? 1UL : 0UL; break; }
                case 0x34A: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = (int)a > (int)b ? 1UL : 0UL; break; }
                case 0x34B: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a > b ? 1UL : 0UL; break; }
                case 0x34C: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = (int)a <= (int)b ? 1UL : 0UL; break; }
                case 0x34D: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a <= b ? 1UL : 0UL; break; }
                case 0x34E: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = (int)a >= (int)b ? 1UL : 0UL; break; }
                case 0x34F: { var a = (uint)fp[ip[0]]; var b = (uint)fp[ip[1]]; ip += 2; *sp++ = a >= b ? 1UL : 0UL; break; }
                // ---- fused: i32 comparison and br_if without value moves (0x400 | opcode) [target] ----
                case 0x445: { if ((uint)*--sp == 0) ip = code + *ip; else ip++; break; }
                case 0x446: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a == b) ip = code + *ip; else ip++; break; }
                case 0x447: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a != b) ip = code + *ip; else ip++; break; }
                case 0x448: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if ((int)a < (int)b) ip = code + *ip; else ip++; break; }
                case 0x449: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a < b) ip = code + *ip; else ip++; break; }
                case 0x44A: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if ((int)a > (int)b) ip = code + *ip; else ip++; break; }
                case 0x44B: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a > b) ip = code + *ip; else ip++; break; }
                case 0x44C: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if ((int)a <= (int)b) ip = code + *ip; else ip++; break; }
                case 0x44D: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a <= b) ip = code + *ip; else ip++; break; }
                case 0x44E: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if ((int)a >= (int)b) ip = code + *ip; else ip++; break; }
                case 0x44F: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a >= b) ip = code + *ip; else ip++; break; }
                case Op.LocalSetLocalGet: fp[ip[0]] = sp[-1]; sp[-1] = fp[ip[1]]; ip += 2; break;

                default:
                    throw new InvalidOperationException($"internal error: unknown instruction {ip[-1]}");
            }
            continue;

        Call:
            if (polls && --pollCountdown <= 0)
            {
                pollCountdown = PollInterval;
                Poll(store);
            }
            if (callee.Code is not { } calleeCode)
            {
                sp = CallHostFromWasm(store, stack, callee, sp, depth);
                frames = stack.Frames; // a nested wasm call may have grown the frame stack
                mem = memory is null ? null : memory.Pointer;
                memSize = memory is null ? 0 : memory.Length;
                continue;
            }
            {
                var calleeFp = sp - calleeCode.ParameterCount;
                if (calleeFp + calleeCode.FrameSlots > stackEnd || depth >= stack.MaxDepth) TrapException.Throw(TrapCode.StackExhausted);
                if (depth == frames.Length) frames = stack.GrowFrames();
                ref var frame = ref frames[depth++];
                frame.Function = function;
                frame.ReturnOffset = (int)(ip - code);
                frame.FramePointer = fp;
                new Span<ulong>(calleeFp + calleeCode.ParameterCount, calleeCode.LocalCount - calleeCode.ParameterCount).Clear();
                fp = calleeFp;
                sp = fp + calleeCode.LocalCount;
                function = callee;
                compiled = calleeCode;
                code = compiled.Code;
                ip = code;
                if (callee.Instance != instance)
                {
                    instance = callee.Instance!;
                    functions = instance.Functions;
                    globals = instance.Globals;
                    tables = instance.Tables;
                    memory = instance.Memory;
                    mem = memory is null ? null : memory.Pointer;
                    memSize = memory is null ? 0 : memory.Length;
                }
            }
        }
    }
}
