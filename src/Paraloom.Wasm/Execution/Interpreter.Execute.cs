using System.Numerics;
using System.Runtime.CompilerServices;
using static Paraloom.Wasm.Execution.Numerics;

namespace Paraloom.Wasm.Execution;

internal static unsafe partial class Interpreter
{
    /// <summary>Runs <paramref name="entry"/> with its arguments at <paramref name="entryFp"/>; leaves its results there.</summary>
    /// <remarks>Fully optimized from the first call: a long-running loop would otherwise live in tier-0 or OSR code.</remarks>
    //AO
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
                    else ChargeFallthrough(store, ref ip);
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
                        ChargeFallthrough(store, ref ip);
                    }
                    break;
                case Op.BrUnless:
                    if ((uint)*--sp == 0) ip = code + *ip;
                    else ChargeFallthrough(store, ref ip);
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
                case 0x445: { if ((uint)*--sp == 0) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x446: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a == b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x447: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a != b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x448: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if ((int)a < (int)b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x449: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a < b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x44A: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if ((int)a > (int)b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x44B: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a > b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x44C: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if ((int)a <= (int)b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x44D: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a <= b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x44E: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if ((int)a >= (int)b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                case 0x44F: { sp -= 2; var a = (uint)sp[0]; var b = (uint)sp[1]; if (a >= b) ip = code + *ip; else ChargeFallthrough(store, ref ip); break; }
                // ---- fused: i32 binary operator on a local and a constant (0x600 | opcode), pushes [slot, constant] ----
                case 0x66A: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a + b; break; }
                case 0x66B: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a - b; break; }
                case 0x66C: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a * b; break; }
                case 0x671: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a & b; break; }
                case 0x672: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a | b; break; }
                case 0x673: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a ^ b; break; }
                case 0x674: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a << (int)b; break; }
                case 0x675: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = (uint)((int)a >> (int)b); break; }
                case 0x676: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a >> (int)b; break; }
                case 0x677: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = BitOperations.RotateLeft(a, (int)b); break; }
                case 0x678: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = BitOperations.RotateRight(a, (int)b); break; }
                case 0x646: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a == b ? 1UL : 0UL; break; }
                case 0x647: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a != b ? 1UL : 0UL; break; }
                case 0x648: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = (int)a < (int)b ? 1UL : 0UL; break; }
                case 0x649: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a < b ? 1UL : 0UL; break; }
                case 0x64A: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = (int)a > (int)b ? 1UL : 0UL; break; }
                case 0x64B: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a > b ? 1UL : 0UL; break; }
                case 0x64C: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = (int)a <= (int)b ? 1UL : 0UL; break; }
                case 0x64D: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a <= b ? 1UL : 0UL; break; }
                case 0x64E: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = (int)a >= (int)b ? 1UL : 0UL; break; }
                case 0x64F: { var a = (uint)fp[ip[0]]; var b = (uint)ip[1]; ip += 2; *sp++ = a >= b ? 1UL : 0UL; break; }
                // ---- fused: load from the address in a local (0x700 | opcode), pushes [slot, offset] ----
                case 0x728: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); break; }
                case 0x729: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ulong>(mem + ea); break; }
                case 0x72A: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); break; }
                case 0x72B: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 8 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ulong>(mem + ea); break; }
                case 0x72C: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (uint)(int)*(sbyte*)(mem + ea); break; }
                case 0x72D: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = mem[ea]; break; }
                case 0x72E: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (uint)(int)Unsafe.ReadUnaligned<short>(mem + ea); break; }
                case 0x72F: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ushort>(mem + ea); break; }
                case 0x730: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)*(sbyte*)(mem + ea); break; }
                case 0x731: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 1 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = mem[ea]; break; }
                case 0x732: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)Unsafe.ReadUnaligned<short>(mem + ea); break; }
                case 0x733: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 2 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<ushort>(mem + ea); break; }
                case 0x734: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = (ulong)(long)Unsafe.ReadUnaligned<int>(mem + ea); break; }
                case 0x735: { var ea = (ulong)(uint)fp[ip[0]] + (uint)ip[1]; ip += 2; if (ea + 4 > memSize) TrapException.Throw(TrapCode.MemoryOutOfBounds); *sp++ = Unsafe.ReadUnaligned<uint>(mem + ea); break; }
                case Op.LocalSetLocalGet: fp[ip[0]] = sp[-1]; sp[-1] = fp[ip[1]]; ip += 2; break;

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
