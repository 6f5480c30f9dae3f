using System.Numerics;
using static Paraloom.Wasm.Execution.Numerics;

namespace Paraloom.Wasm.Execution;

/// <summary>Where execution continues after an instruction handled out of line.</summary>
internal readonly unsafe struct Cursor(ulong* stackPointer, int* instructionPointer)
{
    public ulong* StackPointer { get; } = stackPointer;
    public int* InstructionPointer { get; } = instructionPointer;
}

internal static unsafe partial class Interpreter
{
    /// <summary>
    /// The rarely executed instructions (tables, bulk memory, conversions, most float operators,
    /// division). Kept out of <see cref="Execute"/> so the JIT can keep that loop's state in registers.
    /// </summary>
    internal static Cursor ExecuteCold(int op, ulong* sp, int* ip, ulong* fp, Instance instance, Store store, bool canonicalize)
    {
        var tables = instance.Tables;
        var functions = instance.Functions;
        var memory = instance.Memory;
        var mem = memory is null ? null : memory.Pointer;
        var memSize = memory is null ? 0 : memory.Length;
        switch (op)
        {
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
                case 0x5B: sp--; sp[-1] = AsF32(sp[-1]) == AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x5C: sp--; sp[-1] = AsF32(sp[-1]) != AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x5D: sp--; sp[-1] = AsF32(sp[-1]) < AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x5E: sp--; sp[-1] = AsF32(sp[-1]) > AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x5F: sp--; sp[-1] = AsF32(sp[-1]) <= AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x60: sp--; sp[-1] = AsF32(sp[-1]) >= AsF32(sp[0]) ? 1UL : 0UL; break;
                case 0x67: sp[-1] = (uint)BitOperations.LeadingZeroCount((uint)sp[-1]); break;
                case 0x68: sp[-1] = (uint)BitOperations.TrailingZeroCount((uint)sp[-1]); break;
                case 0x69: sp[-1] = (uint)BitOperations.PopCount((uint)sp[-1]); break;
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
                case 0x79: sp[-1] = (ulong)BitOperations.LeadingZeroCount(sp[-1]); break;
                case 0x7A: sp[-1] = (ulong)BitOperations.TrailingZeroCount(sp[-1]); break;
                case 0x7B: sp[-1] = (ulong)BitOperations.PopCount(sp[-1]); break;
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
                case 0x9B: sp[-1] = F64(Math.Ceiling(AsF64(sp[-1])), canonicalize); break;
                case 0x9C: sp[-1] = F64(Math.Floor(AsF64(sp[-1])), canonicalize); break;
                case 0x9D: sp[-1] = F64(Math.Truncate(AsF64(sp[-1])), canonicalize); break;
                case 0x9E: sp[-1] = F64(Nearest(AsF64(sp[-1])), canonicalize); break;
                case 0x9F: sp[-1] = F64(Math.Sqrt(AsF64(sp[-1])), canonicalize); break;
                case 0xA4: sp--; sp[-1] = F64(Min(AsF64(sp[-1]), AsF64(sp[0])), canonicalize); break;
                case 0xA5: sp--; sp[-1] = F64(Max(AsF64(sp[-1]), AsF64(sp[0])), canonicalize); break;
                case 0xA6: sp--; sp[-1] = (sp[-1] & 0x7FFFFFFFFFFFFFFFUL) | (sp[0] & 0x8000000000000000UL); break;
                case 0xA8: sp[-1] = (uint)TruncI32(AsF32(sp[-1])); break;
                case 0xA9: sp[-1] = TruncU32(AsF32(sp[-1])); break;
                case 0xAA: sp[-1] = (uint)TruncI32(AsF64(sp[-1])); break;
                case 0xAB: sp[-1] = TruncU32(AsF64(sp[-1])); break;
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
                case 0xC0: sp[-1] = (uint)(int)(sbyte)sp[-1]; break;
                case 0xC1: sp[-1] = (uint)(int)(short)sp[-1]; break;
                case 0xC2: sp[-1] = (ulong)(long)(sbyte)sp[-1]; break;
                case 0xC3: sp[-1] = (ulong)(long)(short)sp[-1]; break;
                case 0xC4: sp[-1] = (ulong)(long)(int)sp[-1]; break;
                case Op.TruncSatBase + 0: sp[-1] = (uint)TruncSatI32(AsF32(sp[-1])); break;
                case Op.TruncSatBase + 1: sp[-1] = TruncSatU32(AsF32(sp[-1])); break;
                case Op.TruncSatBase + 2: sp[-1] = (uint)TruncSatI32(AsF64(sp[-1])); break;
                case Op.TruncSatBase + 3: sp[-1] = TruncSatU32(AsF64(sp[-1])); break;
                case Op.TruncSatBase + 4: sp[-1] = (ulong)TruncSatI64(AsF32(sp[-1])); break;
                case Op.TruncSatBase + 5: sp[-1] = TruncSatU64(AsF32(sp[-1])); break;
                case Op.TruncSatBase + 6: sp[-1] = (ulong)TruncSatI64(AsF64(sp[-1])); break;
                case Op.TruncSatBase + 7: sp[-1] = TruncSatU64(AsF64(sp[-1])); break;
            default:
                throw new InvalidOperationException($"internal error: unknown instruction {op}");
        }
        return new Cursor(sp, ip);
    }
}
