using static Paraloom.Wasm.Tests.Support.ModuleBuilder;

namespace Paraloom.Wasm.Tests.Support;

/// <summary>
/// Generates random but valid modules exporting <c>run(i32, i32) -> i32</c>: nested blocks, counted
/// loops, if/else, br_if, br_table, early returns, calls (one recursive), loads and stores that may
/// trap, division that may trap, memory.grow, i64 and f64 arithmetic, select and local.tee.
/// </summary>
internal sealed class RandomProgram
{
    // Locals of run: 0-1 parameters, 2-5 scratch i32, 6-7 loop counters, 8-9 i64, 10 f64.
    private const int ScratchI32 = 2, Counters = 6, ScratchI64 = 8, ScratchF64 = 10;
    private const int Mix = 1, CountDown = 2;

    private readonly Random _random;
    private readonly List<byte> _code = [];
    private int _loopDepth;

    private RandomProgram(int seed) => _random = new Random(seed);

    public static byte[] Build(int seed)
    {
        var generator = new RandomProgram(seed);
        var builder = new ModuleBuilder().Memory(1, 4);
        var run = builder.Type([I32, I32], [I32]);
        var unary = builder.Type([I32], [I32]);
        builder.Export("run", builder.Function(run, generator.Body(), (6, I32), (2, I64), (1, F64)));
        // mix(x) = (x * 7) ^ 3
        builder.Function(unary, [0x20, 0, 0x41, 7, 0x6C, 0x41, 3, 0x73]);
        // countDown(n) = n == 0 ? 0 : 1 + countDown(n - 1)
        builder.Function(unary, [0x20, 0, 0x45, 0x04, I32, 0x41, 0, 0x05, 0x20, 0, 0x41, 1, 0x6B, 0x10, CountDown, 0x41, 1, 0x6A, 0x0B]);
        return builder.Build();
    }

    private byte[] Body()
    {
        for (var i = _random.Next(2, 7); i > 0; i--) Statement(3);
        I32Expression(3);
        return [.. _code];
    }

    private void Emit(params byte[] bytes) => _code.AddRange(bytes);

    private void Constant(int value) => Emit([0x41, .. S32(value)]);

    private void Statement(int depth)
    {
        switch (_random.Next(depth <= 0 ? 3 : 9))
        {
            case 0:
                I32Expression(depth);
                Emit(0x21, (byte)(ScratchI32 + _random.Next(4)));
                break;
            case 1:
                Address(depth);
                I32Expression(depth);
                Emit(_random.Next(3) switch { 0 => (byte)0x36, 1 => (byte)0x3A, _ => (byte)0x3B }, 0, (byte)_random.Next(8));
                break;
            case 2:
                I64Expression(depth);
                Emit(0x22, (byte)(ScratchI64 + _random.Next(2)), 0x1A);
                break;
            case 3:
                I32Expression(depth - 1);
                Emit(0x04, 0x40);
                Statement(depth - 1);
                Emit(0x05);
                Statement(depth - 1);
                Emit(0x0B);
                break;
            case 4 when _loopDepth < 2:
                CountedLoop(depth);
                break;
            case 5:
                // block block block (index) br_table 0 1 2 end S end S end
                Emit(0x02, 0x40, 0x02, 0x40, 0x02, 0x40);
                I32Expression(depth - 1);
                Emit(0x0E, 2, 0, 1, 2, 0x0B);
                Statement(depth - 1);
                Emit(0x0B);
                Statement(depth - 1);
                Emit(0x0B);
                break;
            case 6:
                I32Expression(depth - 1);
                Emit(0x04, 0x40);
                I32Expression(depth - 1);
                Emit(0x0F, 0x0B);
                break;
            case 7:
                Emit(0x41, 1, 0x40, 0, 0x1A); // memory.grow 1, result dropped
                break;
            default:
                // block (result i32) value; condition; br_if 0; drop; other value; end
                Emit(0x02, I32);
                I32Expression(depth - 1);
                I32Expression(depth - 1);
                Emit(0x0D, 0, 0x1A);
                I32Expression(depth - 1);
                Emit(0x0B, 0x21, (byte)(ScratchI32 + _random.Next(4)));
                break;
        }
    }

    private void CountedLoop(int depth)
    {
        var counter = (byte)(Counters + _loopDepth);
        _loopDepth++;
        Constant(_random.Next(1, 12));
        Emit(0x21, counter, 0x02, 0x40, 0x03, 0x40, 0x20, counter, 0x45, 0x0D, 1);
        Statement(depth - 1);
        Statement(depth - 1);
        Emit(0x20, counter, 0x41, 1, 0x6B, 0x21, counter, 0x0C, 0, 0x0B, 0x0B);
        _loopDepth--;
    }

    /// <summary>An address that is usually inside the first page and sometimes anywhere (a trap).</summary>
    private void Address(int depth)
    {
        I32Expression(depth - 1);
        if (_random.Next(10) > 0) Emit([0x41, .. S32(0xFFF0), 0x71]);
    }

    private static readonly byte[] I32Binary =
        [0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F];

    private static readonly byte[] I64Binary = [0x7C, 0x7D, 0x7E, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x80, 0x82];

    private void I32Expression(int depth)
    {
        switch (_random.Next(depth <= 0 ? 2 : 14))
        {
            case 0:
                Constant(_random.Next(4) == 0 ? _random.Next() - int.MaxValue / 2 : _random.Next(-4, 40));
                break;
            case 1:
                Emit(0x20, (byte)_random.Next(Counters + _loopDepth));
                break;
            case 2 or 3 or 4:
                I32Expression(depth - 1);
                if (_random.Next(2) == 0) Constant(_random.Next(-3, 33));
                else I32Expression(depth - 1);
                Emit(I32Binary[_random.Next(I32Binary.Length)]);
                break;
            case 5:
                I32Expression(depth - 1);
                Emit(0x45);
                break;
            case 6:
                Address(depth);
                Emit(_random.Next(3) switch { 0 => (byte)0x28, 1 => (byte)0x2C, _ => (byte)0x2F }, 0, (byte)_random.Next(8));
                break;
            case 7:
                I64Expression(depth - 1);
                Emit(0xA7);
                break;
            case 8:
                I32Expression(depth - 1);
                I32Expression(depth - 1);
                I32Expression(depth - 1);
                Emit(0x1B);
                break;
            case 9:
                F64Expression(depth - 1);
                F64Expression(depth - 1);
                Emit((byte)(0x61 + _random.Next(6)));
                break;
            case 10:
                I32Expression(depth - 1);
                if (_random.Next(2) == 0) Emit(0x10, Mix);
                else Emit(0x41, 31, 0x71, 0x10, CountDown);
                break;
            case 11:
                I32Expression(depth - 1);
                Emit(0x22, (byte)(ScratchI32 + _random.Next(4)));
                break;
            case 12:
                F64Expression(depth - 1);
                Emit(0xFC, (byte)(2 + _random.Next(2))); // i32.trunc_sat_f64_s or _u
                break;
            default:
                Emit(0x3F, 0); // memory.size
                break;
        }
    }

    private void I64Expression(int depth)
    {
        switch (_random.Next(depth <= 0 ? 2 : 5))
        {
            case 0:
                Emit([0x42, .. S32(_random.Next(-1000, 1000))]);
                break;
            case 1:
                Emit(0x20, (byte)(ScratchI64 + _random.Next(2)));
                break;
            case 2:
                I32Expression(depth - 1);
                Emit(_random.Next(2) == 0 ? (byte)0xAC : (byte)0xAD);
                break;
            default:
                I64Expression(depth - 1);
                I64Expression(depth - 1);
                Emit(I64Binary[_random.Next(I64Binary.Length)]);
                break;
        }
    }

    private void F64Expression(int depth)
    {
        switch (_random.Next(depth <= 0 ? 2 : 4))
        {
            case 0:
                I32Expression(0);
                Emit(0xB7);
                break;
            case 1:
                Emit(0x20, ScratchF64);
                break;
            default:
                F64Expression(depth - 1);
                F64Expression(depth - 1);
                Emit((byte)(0xA0 + _random.Next(6)));
                Emit(0x22, ScratchF64);
                break;
        }
    }
}
