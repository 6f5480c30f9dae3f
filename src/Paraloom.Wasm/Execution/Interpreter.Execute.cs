using System.Numerics;
using System.Runtime.CompilerServices;
using static Paraloom.Wasm.Execution.Numerics;

namespace Paraloom.Wasm.Execution;

internal static unsafe partial class Interpreter
{
    /// <summary>Runs <paramref name="entry"/> with its arguments at <paramref name="entryFp"/>; leaves its results there.</summary>
    /// <summary>
    /// Runs <paramref name="entry"/>, and everything it calls, at <paramref name="entryFp"/> and depth
    /// <see cref="ExecutionStack.Depth"/>; the caller has checked that the frame fits and the depth is allowed.
    /// </summary>
    internal static void Execute(Store store, ExecutionStack stack, Function entry, ulong* entryFp)
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
                    else ip = ChargeFallthrough(store, ip);
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
                        ip += 2;
                        ip = ChargeFallthrough(store, ip);
                    }
                    break;
                case Op.BrUnless:
                    if ((uint)*--sp == 0) ip = code + *ip;
                    else ip = ChargeFallthrough(store, ip);
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
                case 0x61: sp--; sp[-1] = AsF64(sp[-1]) == AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x62: sp--; sp[-1] = AsF64(sp[-1]) != AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x63: sp--; sp[-1] = AsF64(sp[-1]) < AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x64: sp--; sp[-1] = AsF64(sp[-1]) > AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x65: sp--; sp[-1] = AsF64(sp[-1]) <= AsF64(sp[0]) ? 1UL : 0UL; break;
                case 0x66: sp--; sp[-1] = AsF64(sp[-1]) >= AsF64(sp[0]) ? 1UL : 0UL; break;

                // ---- i32 arithmetic ----
                case 0x6A: sp--; sp[-1] = (uint)sp[-1] + (uint)sp[0]; break;
                case 0x6B: sp--; sp[-1] = (uint)sp[-1] - (uint)sp[0]; break;
                case 0x6C: sp--; sp[-1] = (uint)sp[-1] * (uint)sp[0]; break;
                case 0x71: sp--; sp[-1] = (uint)sp[-1] & (uint)sp[0]; break;
                case 0x72: sp--; sp[-1] = (uint)sp[-1] | (uint)sp[0]; break;
                case 0x73: sp--; sp[-1] = (uint)sp[-1] ^ (uint)sp[0]; break;
                case 0x74: sp--; sp[-1] = (uint)sp[-1] << (int)sp[0]; break;
                case 0x75: sp--; sp[-1] = (uint)((int)sp[-1] >> (int)sp[0]); break;
                case 0x76: sp--; sp[-1] = (uint)sp[-1] >> (int)sp[0]; break;
                case 0x77: sp--; sp[-1] = BitOperations.RotateLeft((uint)sp[-1], (int)sp[0]); break;
                case 0x78: sp--; sp[-1] = BitOperations.RotateRight((uint)sp[-1], (int)sp[0]); break;

                // ---- i64 arithmetic ----
                case 0x7C: sp--; sp[-1] += sp[0]; break;
                case 0x7D: sp--; sp[-1] -= sp[0]; break;
                case 0x7E: sp--; sp[-1] *= sp[0]; break;
                case 0x83: sp--; sp[-1] &= sp[0]; break;
                case 0x84: sp--; sp[-1] |= sp[0]; break;
                case 0x85: sp--; sp[-1] ^= sp[0]; break;
                case 0x86: sp--; sp[-1] <<= (int)sp[0]; break;
                case 0x87: sp--; sp[-1] = (ulong)((long)sp[-1] >> (int)sp[0]); break;
                case 0x88: sp--; sp[-1] >>= (int)sp[0]; break;
                case 0x89: sp--; sp[-1] = BitOperations.RotateLeft(sp[-1], (int)sp[0]); break;
                case 0x8A: sp--; sp[-1] = BitOperations.RotateRight(sp[-1], (int)sp[0]); break;

                // ---- f32 arithmetic (abs/neg/copysign are bit operations and keep NaN payloads) ----

                // ---- f64 arithmetic ----
                case 0x99: sp[-1] &= 0x7FFFFFFFFFFFFFFFUL; break;
                case 0x9A: sp[-1] ^= 0x8000000000000000UL; break;
                case 0xA0: sp--; sp[-1] = F64(AsF64(sp[-1]) + AsF64(sp[0]), canonicalize); break;
                case 0xA1: sp--; sp[-1] = F64(AsF64(sp[-1]) - AsF64(sp[0]), canonicalize); break;
                case 0xA2: sp--; sp[-1] = F64(AsF64(sp[-1]) * AsF64(sp[0]), canonicalize); break;
                case 0xA3: sp--; sp[-1] = F64(AsF64(sp[-1]) / AsF64(sp[0]), canonicalize); break;

                // ---- conversions (reinterpretations are no-ops on slots) ----
                case 0xA7: sp[-1] = (uint)sp[-1]; break;
                case 0xAC: sp[-1] = (ulong)(long)(int)sp[-1]; break;
                case 0xAD: sp[-1] = (uint)sp[-1]; break;
                case 0xBC: case 0xBD: case 0xBE: case 0xBF: break;

                // ---- saturating truncations ----

                // ---- fused super-instructions (see Op and FusedOpcodes for the numbering) ----
                case Op.WithConstant + 0: sp[-1] = (uint)sp[-1] + (uint)*ip++; break; // i32.add
                case Op.WithConstant + 1: sp[-1] = (uint)sp[-1] - (uint)*ip++; break; // i32.sub
                case Op.WithConstant + 2: sp[-1] = (uint)sp[-1] * (uint)*ip++; break; // i32.mul
                case Op.WithConstant + 3: sp[-1] = (uint)sp[-1] & (uint)*ip++; break; // i32.and
                case Op.WithConstant + 4: sp[-1] = (uint)sp[-1] | (uint)*ip++; break; // i32.or
                case Op.WithConstant + 5: sp[-1] = (uint)sp[-1] ^ (uint)*ip++; break; // i32.xor
                case Op.WithConstant + 6: sp[-1] = (uint)sp[-1] << (int)(uint)*ip++; break; // i32.shl
                case Op.WithConstant + 7: sp[-1] = (uint)((int)(uint)sp[-1] >> (int)(uint)*ip++); break; // i32.shr_s
                case Op.WithConstant + 8: sp[-1] = (uint)sp[-1] >> (int)(uint)*ip++; break; // i32.shr_u
                case Op.WithConstant + 9: sp[-1] = BitOperations.RotateLeft((uint)sp[-1], (int)(uint)*ip++); break; // i32.rotl
                case Op.WithConstant + 10: sp[-1] = BitOperations.RotateRight((uint)sp[-1], (int)(uint)*ip++); break; // i32.rotr
                case Op.WithConstant + 11: sp[-1] = (uint)sp[-1] == (uint)*ip++ ? 1UL : 0UL; break; // i32.eq
                case Op.WithConstant + 12: sp[-1] = (uint)sp[-1] != (uint)*ip++ ? 1UL : 0UL; break; // i32.ne
                case Op.WithConstant + 13: sp[-1] = (int)(uint)sp[-1] < (int)(uint)*ip++ ? 1UL : 0UL; break; // i32.lt_s
                case Op.WithConstant + 14: sp[-1] = (uint)sp[-1] < (uint)*ip++ ? 1UL : 0UL; break; // i32.lt_u
                case Op.WithConstant + 15: sp[-1] = (int)(uint)sp[-1] > (int)(uint)*ip++ ? 1UL : 0UL; break; // i32.gt_s
                case Op.WithConstant + 16: sp[-1] = (uint)sp[-1] > (uint)*ip++ ? 1UL : 0UL; break; // i32.gt_u
                case Op.WithConstant + 17: sp[-1] = (int)(uint)sp[-1] <= (int)(uint)*ip++ ? 1UL : 0UL; break; // i32.le_s
                case Op.WithConstant + 18: sp[-1] = (uint)sp[-1] <= (uint)*ip++ ? 1UL : 0UL; break; // i32.le_u
                case Op.WithConstant + 19: sp[-1] = (int)(uint)sp[-1] >= (int)(uint)*ip++ ? 1UL : 0UL; break; // i32.ge_s
                case Op.WithConstant + 20: sp[-1] = (uint)sp[-1] >= (uint)*ip++ ? 1UL : 0UL; break; // i32.ge_u
                case Op.WithConstant + 21: sp[-1] = sp[-1] + ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)); ip += 2; break; // i64.add
                case Op.WithConstant + 22: sp[-1] = sp[-1] - ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)); ip += 2; break; // i64.sub
                case Op.WithConstant + 23: sp[-1] = sp[-1] * ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)); ip += 2; break; // i64.mul
                case Op.WithConstant + 24: sp[-1] = sp[-1] & ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)); ip += 2; break; // i64.and
                case Op.WithConstant + 25: sp[-1] = sp[-1] | ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)); ip += 2; break; // i64.or
                case Op.WithConstant + 26: sp[-1] = sp[-1] ^ ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)); ip += 2; break; // i64.xor
                case Op.WithConstant + 27: sp[-1] = sp[-1] << (int)((uint)ip[0] | ((ulong)(uint)ip[1] << 32)); ip += 2; break; // i64.shl
                case Op.WithConstant + 28: sp[-1] = (ulong)((long)sp[-1] >> (int)((uint)ip[0] | ((ulong)(uint)ip[1] << 32))); ip += 2; break; // i64.shr_s
                case Op.WithConstant + 29: sp[-1] = sp[-1] >> (int)((uint)ip[0] | ((ulong)(uint)ip[1] << 32)); ip += 2; break; // i64.shr_u
                case Op.WithConstant + 30: sp[-1] = BitOperations.RotateLeft(sp[-1], (int)((uint)ip[0] | ((ulong)(uint)ip[1] << 32))); ip += 2; break; // i64.rotl
                case Op.WithConstant + 31: sp[-1] = BitOperations.RotateRight(sp[-1], (int)((uint)ip[0] | ((ulong)(uint)ip[1] << 32))); ip += 2; break; // i64.rotr
                case Op.WithConstant + 32: sp[-1] = sp[-1] == ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.eq
                case Op.WithConstant + 33: sp[-1] = sp[-1] != ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.ne
                case Op.WithConstant + 34: sp[-1] = (long)sp[-1] < (long)((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.lt_s
                case Op.WithConstant + 35: sp[-1] = sp[-1] < ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.lt_u
                case Op.WithConstant + 36: sp[-1] = (long)sp[-1] > (long)((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.gt_s
                case Op.WithConstant + 37: sp[-1] = sp[-1] > ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.gt_u
                case Op.WithConstant + 38: sp[-1] = (long)sp[-1] <= (long)((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.le_s
                case Op.WithConstant + 39: sp[-1] = sp[-1] <= ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.le_u
                case Op.WithConstant + 40: sp[-1] = (long)sp[-1] >= (long)((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.ge_s
                case Op.WithConstant + 41: sp[-1] = sp[-1] >= ((uint)ip[0] | ((ulong)(uint)ip[1] << 32)) ? 1UL : 0UL; ip += 2; break; // i64.ge_u
                case Op.WithLocal + 0: sp[-1] = (uint)sp[-1] + (uint)fp[*ip++]; break; // i32.add
                case Op.WithLocal + 1: sp[-1] = (uint)sp[-1] - (uint)fp[*ip++]; break; // i32.sub
                case Op.WithLocal + 2: sp[-1] = (uint)sp[-1] * (uint)fp[*ip++]; break; // i32.mul
                case Op.WithLocal + 3: sp[-1] = (uint)sp[-1] & (uint)fp[*ip++]; break; // i32.and
                case Op.WithLocal + 4: sp[-1] = (uint)sp[-1] | (uint)fp[*ip++]; break; // i32.or
                case Op.WithLocal + 5: sp[-1] = (uint)sp[-1] ^ (uint)fp[*ip++]; break; // i32.xor
                case Op.WithLocal + 6: sp[-1] = (uint)sp[-1] << (int)(uint)fp[*ip++]; break; // i32.shl
                case Op.WithLocal + 7: sp[-1] = (uint)((int)(uint)sp[-1] >> (int)(uint)fp[*ip++]); break; // i32.shr_s
                case Op.WithLocal + 8: sp[-1] = (uint)sp[-1] >> (int)(uint)fp[*ip++]; break; // i32.shr_u
                case Op.WithLocal + 9: sp[-1] = BitOperations.RotateLeft((uint)sp[-1], (int)(uint)fp[*ip++]); break; // i32.rotl
                case Op.WithLocal + 10: sp[-1] = BitOperations.RotateRight((uint)sp[-1], (int)(uint)fp[*ip++]); break; // i32.rotr
                case Op.WithLocal + 11: sp[-1] = (uint)sp[-1] == (uint)fp[*ip++] ? 1UL : 0UL; break; // i32.eq
                case Op.WithLocal + 12: sp[-1] = (uint)sp[-1] != (uint)fp[*ip++] ? 1UL : 0UL; break; // i32.ne
                case Op.WithLocal + 13: sp[-1] = (int)(uint)sp[-1] < (int)(uint)fp[*ip++] ? 1UL : 0UL; break; // i32.lt_s
                case Op.WithLocal + 14: sp[-1] = (uint)sp[-1] < (uint)fp[*ip++] ? 1UL : 0UL; break; // i32.lt_u
                case Op.WithLocal + 15: sp[-1] = (int)(uint)sp[-1] > (int)(uint)fp[*ip++] ? 1UL : 0UL; break; // i32.gt_s
                case Op.WithLocal + 16: sp[-1] = (uint)sp[-1] > (uint)fp[*ip++] ? 1UL : 0UL; break; // i32.gt_u
                case Op.WithLocal + 17: sp[-1] = (int)(uint)sp[-1] <= (int)(uint)fp[*ip++] ? 1UL : 0UL; break; // i32.le_s
                case Op.WithLocal + 18: sp[-1] = (uint)sp[-1] <= (uint)fp[*ip++] ? 1UL : 0UL; break; // i32.le_u
                case Op.WithLocal + 19: sp[-1] = (int)(uint)sp[-1] >= (int)(uint)fp[*ip++] ? 1UL : 0UL; break; // i32.ge_s
                case Op.WithLocal + 20: sp[-1] = (uint)sp[-1] >= (uint)fp[*ip++] ? 1UL : 0UL; break; // i32.ge_u
                case Op.WithLocal + 21: sp[-1] = sp[-1] + fp[*ip++]; break; // i64.add
                case Op.WithLocal + 22: sp[-1] = sp[-1] - fp[*ip++]; break; // i64.sub
                case Op.WithLocal + 23: sp[-1] = sp[-1] * fp[*ip++]; break; // i64.mul
                case Op.WithLocal + 24: sp[-1] = sp[-1] & fp[*ip++]; break; // i64.and
                case Op.WithLocal + 25: sp[-1] = sp[-1] | fp[*ip++]; break; // i64.or
                case Op.WithLocal + 26: sp[-1] = sp[-1] ^ fp[*ip++]; break; // i64.xor
                case Op.WithLocal + 27: sp[-1] = sp[-1] << (int)fp[*ip++]; break; // i64.shl
                case Op.WithLocal + 28: sp[-1] = (ulong)((long)sp[-1] >> (int)fp[*ip++]); break; // i64.shr_s
                case Op.WithLocal + 29: sp[-1] = sp[-1] >> (int)fp[*ip++]; break; // i64.shr_u
                case Op.WithLocal + 30: sp[-1] = BitOperations.RotateLeft(sp[-1], (int)fp[*ip++]); break; // i64.rotl
                case Op.WithLocal + 31: sp[-1] = BitOperations.RotateRight(sp[-1], (int)fp[*ip++]); break; // i64.rotr
                case Op.WithLocal + 32: sp[-1] = sp[-1] == fp[*ip++] ? 1UL : 0UL; break; // i64.eq
                case Op.WithLocal + 33: sp[-1] = sp[-1] != fp[*ip++] ? 1UL : 0UL; break; // i64.ne
                case Op.WithLocal + 34: sp[-1] = (long)sp[-1] < (long)fp[*ip++] ? 1UL : 0UL; break; // i64.lt_s
                case Op.WithLocal + 35: sp[-1] = sp[-1] < fp[*ip++] ? 1UL : 0UL; break; // i64.lt_u
                case Op.WithLocal + 36: sp[-1] = (long)sp[-1] > (long)fp[*ip++] ? 1UL : 0UL; break; // i64.gt_s
                case Op.WithLocal + 37: sp[-1] = sp[-1] > fp[*ip++] ? 1UL : 0UL; break; // i64.gt_u
                case Op.WithLocal + 38: sp[-1] = (long)sp[-1] <= (long)fp[*ip++] ? 1UL : 0UL; break; // i64.le_s
                case Op.WithLocal + 39: sp[-1] = sp[-1] <= fp[*ip++] ? 1UL : 0UL; break; // i64.le_u
                case Op.WithLocal + 40: sp[-1] = (long)sp[-1] >= (long)fp[*ip++] ? 1UL : 0UL; break; // i64.ge_s
                case Op.WithLocal + 41: sp[-1] = sp[-1] >= fp[*ip++] ? 1UL : 0UL; break; // i64.ge_u
                case Op.WithLocal + 42: sp[-1] = F64(AsF64(sp[-1]) + AsF64(fp[*ip++]), canonicalize); break; // f64.add
                case Op.WithLocal + 43: sp[-1] = F64(AsF64(sp[-1]) - AsF64(fp[*ip++]), canonicalize); break; // f64.sub
                case Op.WithLocal + 44: sp[-1] = F64(AsF64(sp[-1]) * AsF64(fp[*ip++]), canonicalize); break; // f64.mul
                case Op.WithLocal + 45: sp[-1] = F64(AsF64(sp[-1]) / AsF64(fp[*ip++]), canonicalize); break; // f64.div
                case Op.WithTwoLocals + 0: *sp++ = (uint)fp[ip[0]] + (uint)fp[ip[1]]; ip += 2; break; // i32.add
                case Op.WithTwoLocals + 1: *sp++ = (uint)fp[ip[0]] - (uint)fp[ip[1]]; ip += 2; break; // i32.sub
                case Op.WithTwoLocals + 2: *sp++ = (uint)fp[ip[0]] * (uint)fp[ip[1]]; ip += 2; break; // i32.mul
                case Op.WithTwoLocals + 3: *sp++ = (uint)fp[ip[0]] & (uint)fp[ip[1]]; ip += 2; break; // i32.and
                case Op.WithTwoLocals + 4: *sp++ = (uint)fp[ip[0]] | (uint)fp[ip[1]]; ip += 2; break; // i32.or
                case Op.WithTwoLocals + 5: *sp++ = (uint)fp[ip[0]] ^ (uint)fp[ip[1]]; ip += 2; break; // i32.xor
                case Op.WithTwoLocals + 6: *sp++ = (uint)fp[ip[0]] << (int)(uint)fp[ip[1]]; ip += 2; break; // i32.shl
                case Op.WithTwoLocals + 7: *sp++ = (uint)((int)(uint)fp[ip[0]] >> (int)(uint)fp[ip[1]]); ip += 2; break; // i32.shr_s
                case Op.WithTwoLocals + 8: *sp++ = (uint)fp[ip[0]] >> (int)(uint)fp[ip[1]]; ip += 2; break; // i32.shr_u
                case Op.WithTwoLocals + 9: *sp++ = BitOperations.RotateLeft((uint)fp[ip[0]], (int)(uint)fp[ip[1]]); ip += 2; break; // i32.rotl
                case Op.WithTwoLocals + 10: *sp++ = BitOperations.RotateRight((uint)fp[ip[0]], (int)(uint)fp[ip[1]]); ip += 2; break; // i32.rotr
                case Op.WithTwoLocals + 11: *sp++ = (uint)fp[ip[0]] == (uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.eq
                case Op.WithTwoLocals + 12: *sp++ = (uint)fp[ip[0]] != (uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.ne
                case Op.WithTwoLocals + 13: *sp++ = (int)(uint)fp[ip[0]] < (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.lt_s
                case Op.WithTwoLocals + 14: *sp++ = (uint)fp[ip[0]] < (uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.lt_u
                case Op.WithTwoLocals + 15: *sp++ = (int)(uint)fp[ip[0]] > (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.gt_s
                case Op.WithTwoLocals + 16: *sp++ = (uint)fp[ip[0]] > (uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.gt_u
                case Op.WithTwoLocals + 17: *sp++ = (int)(uint)fp[ip[0]] <= (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.le_s
                case Op.WithTwoLocals + 18: *sp++ = (uint)fp[ip[0]] <= (uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.le_u
                case Op.WithTwoLocals + 19: *sp++ = (int)(uint)fp[ip[0]] >= (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.ge_s
                case Op.WithTwoLocals + 20: *sp++ = (uint)fp[ip[0]] >= (uint)fp[ip[1]] ? 1UL : 0UL; ip += 2; break; // i32.ge_u
                case Op.LocalWithConstant + 0: *sp++ = (uint)fp[ip[0]] + (uint)ip[1]; ip += 2; break; // i32.add
                case Op.LocalWithConstant + 1: *sp++ = (uint)fp[ip[0]] - (uint)ip[1]; ip += 2; break; // i32.sub
                case Op.LocalWithConstant + 2: *sp++ = (uint)fp[ip[0]] * (uint)ip[1]; ip += 2; break; // i32.mul
                case Op.LocalWithConstant + 3: *sp++ = (uint)fp[ip[0]] & (uint)ip[1]; ip += 2; break; // i32.and
                case Op.LocalWithConstant + 4: *sp++ = (uint)fp[ip[0]] | (uint)ip[1]; ip += 2; break; // i32.or
                case Op.LocalWithConstant + 5: *sp++ = (uint)fp[ip[0]] ^ (uint)ip[1]; ip += 2; break; // i32.xor
                case Op.LocalWithConstant + 6: *sp++ = (uint)fp[ip[0]] << (int)(uint)ip[1]; ip += 2; break; // i32.shl
                case Op.LocalWithConstant + 7: *sp++ = (uint)((int)(uint)fp[ip[0]] >> (int)(uint)ip[1]); ip += 2; break; // i32.shr_s
                case Op.LocalWithConstant + 8: *sp++ = (uint)fp[ip[0]] >> (int)(uint)ip[1]; ip += 2; break; // i32.shr_u
                case Op.LocalWithConstant + 9: *sp++ = BitOperations.RotateLeft((uint)fp[ip[0]], (int)(uint)ip[1]); ip += 2; break; // i32.rotl
                case Op.LocalWithConstant + 10: *sp++ = BitOperations.RotateRight((uint)fp[ip[0]], (int)(uint)ip[1]); ip += 2; break; // i32.rotr
                case Op.LocalWithConstant + 11: *sp++ = (uint)fp[ip[0]] == (uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.eq
                case Op.LocalWithConstant + 12: *sp++ = (uint)fp[ip[0]] != (uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.ne
                case Op.LocalWithConstant + 13: *sp++ = (int)(uint)fp[ip[0]] < (int)(uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.lt_s
                case Op.LocalWithConstant + 14: *sp++ = (uint)fp[ip[0]] < (uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.lt_u
                case Op.LocalWithConstant + 15: *sp++ = (int)(uint)fp[ip[0]] > (int)(uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.gt_s
                case Op.LocalWithConstant + 16: *sp++ = (uint)fp[ip[0]] > (uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.gt_u
                case Op.LocalWithConstant + 17: *sp++ = (int)(uint)fp[ip[0]] <= (int)(uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.le_s
                case Op.LocalWithConstant + 18: *sp++ = (uint)fp[ip[0]] <= (uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.le_u
                case Op.LocalWithConstant + 19: *sp++ = (int)(uint)fp[ip[0]] >= (int)(uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.ge_s
                case Op.LocalWithConstant + 20: *sp++ = (uint)fp[ip[0]] >= (uint)ip[1] ? 1UL : 0UL; ip += 2; break; // i32.ge_u
                case Op.CompareBranch + 0: if ((uint)*--sp == 0) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.eqz + br_if
                case Op.CompareBranch + 1: sp -= 2; if ((uint)sp[0] == (uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.eq + br_if
                case Op.CompareBranch + 2: sp -= 2; if ((uint)sp[0] != (uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.ne + br_if
                case Op.CompareBranch + 3: sp -= 2; if ((int)(uint)sp[0] < (int)(uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.lt_s + br_if
                case Op.CompareBranch + 4: sp -= 2; if ((uint)sp[0] < (uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.lt_u + br_if
                case Op.CompareBranch + 5: sp -= 2; if ((int)(uint)sp[0] > (int)(uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.gt_s + br_if
                case Op.CompareBranch + 6: sp -= 2; if ((uint)sp[0] > (uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.gt_u + br_if
                case Op.CompareBranch + 7: sp -= 2; if ((int)(uint)sp[0] <= (int)(uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.le_s + br_if
                case Op.CompareBranch + 8: sp -= 2; if ((uint)sp[0] <= (uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.le_u + br_if
                case Op.CompareBranch + 9: sp -= 2; if ((int)(uint)sp[0] >= (int)(uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.ge_s + br_if
                case Op.CompareBranch + 10: sp -= 2; if ((uint)sp[0] >= (uint)sp[1]) ip = code + *ip; else ip = ChargeFallthrough(store, ip); break; // i32.ge_u + br_if
                case Op.LoadFromLocal + 0: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); } break; // i32.load
                case Op.LoadFromLocal + 1: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ulong>(mem + ea); } break; // i64.load
                case Op.LoadFromLocal + 2: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); } break; // f32.load
                case Op.LoadFromLocal + 3: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ulong>(mem + ea); } break; // f64.load
                case Op.LoadFromLocal + 4: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (uint)(int)*(sbyte*)(mem + ea); } break; // i32.load8_s
                case Op.LoadFromLocal + 5: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = mem[ea]; } break; // i32.load8_u
                case Op.LoadFromLocal + 6: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (uint)(int)Unsafe.ReadUnaligned<short>(mem + ea); } break; // i32.load16_s
                case Op.LoadFromLocal + 7: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ushort>(mem + ea); } break; // i32.load16_u
                case Op.LoadFromLocal + 8: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)*(sbyte*)(mem + ea); } break; // i64.load8_s
                case Op.LoadFromLocal + 9: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = mem[ea]; } break; // i64.load8_u
                case Op.LoadFromLocal + 10: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)Unsafe.ReadUnaligned<short>(mem + ea); } break; // i64.load16_s
                case Op.LoadFromLocal + 11: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ushort>(mem + ea); } break; // i64.load16_u
                case Op.LoadFromLocal + 12: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)Unsafe.ReadUnaligned<int>(mem + ea); } break; // i64.load32_s
                case Op.LoadFromLocal + 13: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); } break; // i64.load32_u
                case Op.LocalSetLocalGet: fp[ip[0]] = sp[-1]; sp[-1] = fp[ip[1]]; ip += 2; break;
                case Op.TwoLocalsToLocal + 0: fp[ip[2]] = (uint)fp[ip[0]] + (uint)fp[ip[1]]; ip += 3; break; // i32.add
                case Op.TwoLocalsToLocal + 1: fp[ip[2]] = (uint)fp[ip[0]] - (uint)fp[ip[1]]; ip += 3; break; // i32.sub
                case Op.TwoLocalsToLocal + 2: fp[ip[2]] = (uint)fp[ip[0]] * (uint)fp[ip[1]]; ip += 3; break; // i32.mul
                case Op.TwoLocalsToLocal + 3: fp[ip[2]] = (uint)fp[ip[0]] & (uint)fp[ip[1]]; ip += 3; break; // i32.and
                case Op.TwoLocalsToLocal + 4: fp[ip[2]] = (uint)fp[ip[0]] | (uint)fp[ip[1]]; ip += 3; break; // i32.or
                case Op.TwoLocalsToLocal + 5: fp[ip[2]] = (uint)fp[ip[0]] ^ (uint)fp[ip[1]]; ip += 3; break; // i32.xor
                case Op.TwoLocalsToLocal + 6: fp[ip[2]] = (uint)fp[ip[0]] << (int)(uint)fp[ip[1]]; ip += 3; break; // i32.shl
                case Op.TwoLocalsToLocal + 7: fp[ip[2]] = (uint)((int)(uint)fp[ip[0]] >> (int)(uint)fp[ip[1]]); ip += 3; break; // i32.shr_s
                case Op.TwoLocalsToLocal + 8: fp[ip[2]] = (uint)fp[ip[0]] >> (int)(uint)fp[ip[1]]; ip += 3; break; // i32.shr_u
                case Op.TwoLocalsToLocal + 9: fp[ip[2]] = BitOperations.RotateLeft((uint)fp[ip[0]], (int)(uint)fp[ip[1]]); ip += 3; break; // i32.rotl
                case Op.TwoLocalsToLocal + 10: fp[ip[2]] = BitOperations.RotateRight((uint)fp[ip[0]], (int)(uint)fp[ip[1]]); ip += 3; break; // i32.rotr
                case Op.TwoLocalsToLocal + 11: fp[ip[2]] = (uint)fp[ip[0]] == (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.eq
                case Op.TwoLocalsToLocal + 12: fp[ip[2]] = (uint)fp[ip[0]] != (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.ne
                case Op.TwoLocalsToLocal + 13: fp[ip[2]] = (int)(uint)fp[ip[0]] < (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.lt_s
                case Op.TwoLocalsToLocal + 14: fp[ip[2]] = (uint)fp[ip[0]] < (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.lt_u
                case Op.TwoLocalsToLocal + 15: fp[ip[2]] = (int)(uint)fp[ip[0]] > (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.gt_s
                case Op.TwoLocalsToLocal + 16: fp[ip[2]] = (uint)fp[ip[0]] > (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.gt_u
                case Op.TwoLocalsToLocal + 17: fp[ip[2]] = (int)(uint)fp[ip[0]] <= (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.le_s
                case Op.TwoLocalsToLocal + 18: fp[ip[2]] = (uint)fp[ip[0]] <= (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.le_u
                case Op.TwoLocalsToLocal + 19: fp[ip[2]] = (int)(uint)fp[ip[0]] >= (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.ge_s
                case Op.TwoLocalsToLocal + 20: fp[ip[2]] = (uint)fp[ip[0]] >= (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.ge_u
                case Op.TwoLocalsTeeLocal + 0: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] + (uint)fp[ip[1]]; ip += 3; break; // i32.add
                case Op.TwoLocalsTeeLocal + 1: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] - (uint)fp[ip[1]]; ip += 3; break; // i32.sub
                case Op.TwoLocalsTeeLocal + 2: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] * (uint)fp[ip[1]]; ip += 3; break; // i32.mul
                case Op.TwoLocalsTeeLocal + 3: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] & (uint)fp[ip[1]]; ip += 3; break; // i32.and
                case Op.TwoLocalsTeeLocal + 4: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] | (uint)fp[ip[1]]; ip += 3; break; // i32.or
                case Op.TwoLocalsTeeLocal + 5: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] ^ (uint)fp[ip[1]]; ip += 3; break; // i32.xor
                case Op.TwoLocalsTeeLocal + 6: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] << (int)(uint)fp[ip[1]]; ip += 3; break; // i32.shl
                case Op.TwoLocalsTeeLocal + 7: *sp++ = fp[ip[2]] = (uint)((int)(uint)fp[ip[0]] >> (int)(uint)fp[ip[1]]); ip += 3; break; // i32.shr_s
                case Op.TwoLocalsTeeLocal + 8: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] >> (int)(uint)fp[ip[1]]; ip += 3; break; // i32.shr_u
                case Op.TwoLocalsTeeLocal + 9: *sp++ = fp[ip[2]] = BitOperations.RotateLeft((uint)fp[ip[0]], (int)(uint)fp[ip[1]]); ip += 3; break; // i32.rotl
                case Op.TwoLocalsTeeLocal + 10: *sp++ = fp[ip[2]] = BitOperations.RotateRight((uint)fp[ip[0]], (int)(uint)fp[ip[1]]); ip += 3; break; // i32.rotr
                case Op.TwoLocalsTeeLocal + 11: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] == (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.eq
                case Op.TwoLocalsTeeLocal + 12: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] != (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.ne
                case Op.TwoLocalsTeeLocal + 13: *sp++ = fp[ip[2]] = (int)(uint)fp[ip[0]] < (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.lt_s
                case Op.TwoLocalsTeeLocal + 14: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] < (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.lt_u
                case Op.TwoLocalsTeeLocal + 15: *sp++ = fp[ip[2]] = (int)(uint)fp[ip[0]] > (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.gt_s
                case Op.TwoLocalsTeeLocal + 16: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] > (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.gt_u
                case Op.TwoLocalsTeeLocal + 17: *sp++ = fp[ip[2]] = (int)(uint)fp[ip[0]] <= (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.le_s
                case Op.TwoLocalsTeeLocal + 18: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] <= (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.le_u
                case Op.TwoLocalsTeeLocal + 19: *sp++ = fp[ip[2]] = (int)(uint)fp[ip[0]] >= (int)(uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.ge_s
                case Op.TwoLocalsTeeLocal + 20: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] >= (uint)fp[ip[1]] ? 1UL : 0UL; ip += 3; break; // i32.ge_u
                case Op.LocalWithConstantToLocal + 0: fp[ip[2]] = (uint)fp[ip[0]] + (uint)ip[1]; ip += 3; break; // i32.add
                case Op.LocalWithConstantToLocal + 1: fp[ip[2]] = (uint)fp[ip[0]] - (uint)ip[1]; ip += 3; break; // i32.sub
                case Op.LocalWithConstantToLocal + 2: fp[ip[2]] = (uint)fp[ip[0]] * (uint)ip[1]; ip += 3; break; // i32.mul
                case Op.LocalWithConstantToLocal + 3: fp[ip[2]] = (uint)fp[ip[0]] & (uint)ip[1]; ip += 3; break; // i32.and
                case Op.LocalWithConstantToLocal + 4: fp[ip[2]] = (uint)fp[ip[0]] | (uint)ip[1]; ip += 3; break; // i32.or
                case Op.LocalWithConstantToLocal + 5: fp[ip[2]] = (uint)fp[ip[0]] ^ (uint)ip[1]; ip += 3; break; // i32.xor
                case Op.LocalWithConstantToLocal + 6: fp[ip[2]] = (uint)fp[ip[0]] << (int)(uint)ip[1]; ip += 3; break; // i32.shl
                case Op.LocalWithConstantToLocal + 7: fp[ip[2]] = (uint)((int)(uint)fp[ip[0]] >> (int)(uint)ip[1]); ip += 3; break; // i32.shr_s
                case Op.LocalWithConstantToLocal + 8: fp[ip[2]] = (uint)fp[ip[0]] >> (int)(uint)ip[1]; ip += 3; break; // i32.shr_u
                case Op.LocalWithConstantToLocal + 9: fp[ip[2]] = BitOperations.RotateLeft((uint)fp[ip[0]], (int)(uint)ip[1]); ip += 3; break; // i32.rotl
                case Op.LocalWithConstantToLocal + 10: fp[ip[2]] = BitOperations.RotateRight((uint)fp[ip[0]], (int)(uint)ip[1]); ip += 3; break; // i32.rotr
                case Op.LocalWithConstantToLocal + 11: fp[ip[2]] = (uint)fp[ip[0]] == (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.eq
                case Op.LocalWithConstantToLocal + 12: fp[ip[2]] = (uint)fp[ip[0]] != (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.ne
                case Op.LocalWithConstantToLocal + 13: fp[ip[2]] = (int)(uint)fp[ip[0]] < (int)(uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.lt_s
                case Op.LocalWithConstantToLocal + 14: fp[ip[2]] = (uint)fp[ip[0]] < (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.lt_u
                case Op.LocalWithConstantToLocal + 15: fp[ip[2]] = (int)(uint)fp[ip[0]] > (int)(uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.gt_s
                case Op.LocalWithConstantToLocal + 16: fp[ip[2]] = (uint)fp[ip[0]] > (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.gt_u
                case Op.LocalWithConstantToLocal + 17: fp[ip[2]] = (int)(uint)fp[ip[0]] <= (int)(uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.le_s
                case Op.LocalWithConstantToLocal + 18: fp[ip[2]] = (uint)fp[ip[0]] <= (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.le_u
                case Op.LocalWithConstantToLocal + 19: fp[ip[2]] = (int)(uint)fp[ip[0]] >= (int)(uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.ge_s
                case Op.LocalWithConstantToLocal + 20: fp[ip[2]] = (uint)fp[ip[0]] >= (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.ge_u
                case Op.LocalWithConstantTeeLocal + 0: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] + (uint)ip[1]; ip += 3; break; // i32.add
                case Op.LocalWithConstantTeeLocal + 1: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] - (uint)ip[1]; ip += 3; break; // i32.sub
                case Op.LocalWithConstantTeeLocal + 2: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] * (uint)ip[1]; ip += 3; break; // i32.mul
                case Op.LocalWithConstantTeeLocal + 3: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] & (uint)ip[1]; ip += 3; break; // i32.and
                case Op.LocalWithConstantTeeLocal + 4: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] | (uint)ip[1]; ip += 3; break; // i32.or
                case Op.LocalWithConstantTeeLocal + 5: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] ^ (uint)ip[1]; ip += 3; break; // i32.xor
                case Op.LocalWithConstantTeeLocal + 6: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] << (int)(uint)ip[1]; ip += 3; break; // i32.shl
                case Op.LocalWithConstantTeeLocal + 7: *sp++ = fp[ip[2]] = (uint)((int)(uint)fp[ip[0]] >> (int)(uint)ip[1]); ip += 3; break; // i32.shr_s
                case Op.LocalWithConstantTeeLocal + 8: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] >> (int)(uint)ip[1]; ip += 3; break; // i32.shr_u
                case Op.LocalWithConstantTeeLocal + 9: *sp++ = fp[ip[2]] = BitOperations.RotateLeft((uint)fp[ip[0]], (int)(uint)ip[1]); ip += 3; break; // i32.rotl
                case Op.LocalWithConstantTeeLocal + 10: *sp++ = fp[ip[2]] = BitOperations.RotateRight((uint)fp[ip[0]], (int)(uint)ip[1]); ip += 3; break; // i32.rotr
                case Op.LocalWithConstantTeeLocal + 11: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] == (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.eq
                case Op.LocalWithConstantTeeLocal + 12: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] != (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.ne
                case Op.LocalWithConstantTeeLocal + 13: *sp++ = fp[ip[2]] = (int)(uint)fp[ip[0]] < (int)(uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.lt_s
                case Op.LocalWithConstantTeeLocal + 14: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] < (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.lt_u
                case Op.LocalWithConstantTeeLocal + 15: *sp++ = fp[ip[2]] = (int)(uint)fp[ip[0]] > (int)(uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.gt_s
                case Op.LocalWithConstantTeeLocal + 16: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] > (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.gt_u
                case Op.LocalWithConstantTeeLocal + 17: *sp++ = fp[ip[2]] = (int)(uint)fp[ip[0]] <= (int)(uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.le_s
                case Op.LocalWithConstantTeeLocal + 18: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] <= (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.le_u
                case Op.LocalWithConstantTeeLocal + 19: *sp++ = fp[ip[2]] = (int)(uint)fp[ip[0]] >= (int)(uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.ge_s
                case Op.LocalWithConstantTeeLocal + 20: *sp++ = fp[ip[2]] = (uint)fp[ip[0]] >= (uint)ip[1] ? 1UL : 0UL; ip += 3; break; // i32.ge_u
                case Op.LoadFromLocalPlusConstant + 0: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); } break; // i32.load
                case Op.LoadFromLocalPlusConstant + 1: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ulong>(mem + ea); } break; // i64.load
                case Op.LoadFromLocalPlusConstant + 2: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); } break; // f32.load
                case Op.LoadFromLocalPlusConstant + 3: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ulong>(mem + ea); } break; // f64.load
                case Op.LoadFromLocalPlusConstant + 4: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (uint)(int)*(sbyte*)(mem + ea); } break; // i32.load8_s
                case Op.LoadFromLocalPlusConstant + 5: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = mem[ea]; } break; // i32.load8_u
                case Op.LoadFromLocalPlusConstant + 6: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (uint)(int)Unsafe.ReadUnaligned<short>(mem + ea); } break; // i32.load16_s
                case Op.LoadFromLocalPlusConstant + 7: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ushort>(mem + ea); } break; // i32.load16_u
                case Op.LoadFromLocalPlusConstant + 8: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)*(sbyte*)(mem + ea); } break; // i64.load8_s
                case Op.LoadFromLocalPlusConstant + 9: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = mem[ea]; } break; // i64.load8_u
                case Op.LoadFromLocalPlusConstant + 10: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)Unsafe.ReadUnaligned<short>(mem + ea); } break; // i64.load16_s
                case Op.LoadFromLocalPlusConstant + 11: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ushort>(mem + ea); } break; // i64.load16_u
                case Op.LoadFromLocalPlusConstant + 12: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)Unsafe.ReadUnaligned<int>(mem + ea); } break; // i64.load32_s
                case Op.LoadFromLocalPlusConstant + 13: { var ea = (ulong)((uint)fp[ip[0]] + (uint)ip[1]) + (uint)ip[2]; ip += 3; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); } break; // i64.load32_u
                case Op.StoreLocalToLocal + 0: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (uint)fp[ip[1]]); ip += 3; } break; // i32.store
                case Op.StoreLocalToLocal + 1: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, fp[ip[1]]); ip += 3; } break; // i64.store
                case Op.StoreLocalToLocal + 2: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (uint)fp[ip[1]]); ip += 3; } break; // f32.store
                case Op.StoreLocalToLocal + 3: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, fp[ip[1]]); ip += 3; } break; // f64.store
                case Op.StoreLocalToLocal + 4: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); mem[ea] = (byte)fp[ip[1]]; ip += 3; } break; // i32.store8
                case Op.StoreLocalToLocal + 5: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (ushort)fp[ip[1]]); ip += 3; } break; // i32.store16
                case Op.StoreLocalToLocal + 6: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); mem[ea] = (byte)fp[ip[1]]; ip += 3; } break; // i64.store8
                case Op.StoreLocalToLocal + 7: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (ushort)fp[ip[1]]); ip += 3; } break; // i64.store16
                case Op.StoreLocalToLocal + 8: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[2]; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); Unsafe.WriteUnaligned(mem + ea, (uint)fp[ip[1]]); ip += 3; } break; // i64.store32
                case Op.ConstantCompareBranch + 0: if ((uint)*--sp == (uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.eq constant + br_if
                case Op.ConstantCompareBranch + 1: if ((uint)*--sp != (uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.ne constant + br_if
                case Op.ConstantCompareBranch + 2: if ((int)(uint)*--sp < (int)(uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.lt_s constant + br_if
                case Op.ConstantCompareBranch + 3: if ((uint)*--sp < (uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.lt_u constant + br_if
                case Op.ConstantCompareBranch + 4: if ((int)(uint)*--sp > (int)(uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.gt_s constant + br_if
                case Op.ConstantCompareBranch + 5: if ((uint)*--sp > (uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.gt_u constant + br_if
                case Op.ConstantCompareBranch + 6: if ((int)(uint)*--sp <= (int)(uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.le_s constant + br_if
                case Op.ConstantCompareBranch + 7: if ((uint)*--sp <= (uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.le_u constant + br_if
                case Op.ConstantCompareBranch + 8: if ((int)(uint)*--sp >= (int)(uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.ge_s constant + br_if
                case Op.ConstantCompareBranch + 9: if ((uint)*--sp >= (uint)ip[0]) ip = code + ip[1]; else ip = ChargeFallthrough(store, ip + 1); break; // i32.ge_u constant + br_if
                case Op.LocalConstantCompareBranch + 0: if ((uint)fp[ip[0]] == (uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.eq local constant + br_if
                case Op.LocalConstantCompareBranch + 1: if ((uint)fp[ip[0]] != (uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.ne local constant + br_if
                case Op.LocalConstantCompareBranch + 2: if ((int)(uint)fp[ip[0]] < (int)(uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.lt_s local constant + br_if
                case Op.LocalConstantCompareBranch + 3: if ((uint)fp[ip[0]] < (uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.lt_u local constant + br_if
                case Op.LocalConstantCompareBranch + 4: if ((int)(uint)fp[ip[0]] > (int)(uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.gt_s local constant + br_if
                case Op.LocalConstantCompareBranch + 5: if ((uint)fp[ip[0]] > (uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.gt_u local constant + br_if
                case Op.LocalConstantCompareBranch + 6: if ((int)(uint)fp[ip[0]] <= (int)(uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.le_s local constant + br_if
                case Op.LocalConstantCompareBranch + 7: if ((uint)fp[ip[0]] <= (uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.le_u local constant + br_if
                case Op.LocalConstantCompareBranch + 8: if ((int)(uint)fp[ip[0]] >= (int)(uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.ge_s local constant + br_if
                case Op.LocalConstantCompareBranch + 9: if ((uint)fp[ip[0]] >= (uint)ip[1]) ip = code + ip[2]; else ip = ChargeFallthrough(store, ip + 2); break; // i32.ge_u local constant + br_if

                default:
                {
                    var cursor = ExecuteCold(ip[-1], sp, ip, fp, instance, store, canonicalize);
                    sp = cursor.StackPointer;
                    ip = cursor.InstructionPointer;
                    break;
                }
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
                if (depth >= frames.Length) frames = stack.GrowFrames(depth + 1);
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
