namespace Paraloom.Compute.Tests.Support;

/// <summary>Small compute ABI v1 modules in WebAssembly text, each exercising one behaviour.</summary>
internal static class Modules
{
    // A bump allocator from 1024 that grows memory as needed (trapping when it cannot), shared by the modules.
    private const string Alloc = """
        (global $heap (mut i32) (i32.const 1024))
        (func (export "alloc") (param $n i32) (result i32)
          (local $p i32) (local $end i32)
          (local.set $p (global.get $heap))
          (local.set $end (i32.add (local.get $p) (local.get $n)))
          (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
            (then
              (if (i32.eq (memory.grow (i32.add (i32.div_u (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536))) (i32.const 65536)) (i32.const 1))) (i32.const -1))
                (then unreachable))))
          (global.set $heap (local.get $end))
          (local.get $p))
        """;

    private static string Pack(string pointer, string length) =>
        $"(i64.or (i64.shl (i64.extend_i32_u {pointer}) (i64.const 32)) (i64.extend_i32_u {length}))";

    /// <summary>Returns its input.</summary>
    public static byte[] Echo => Wat.Compile($$"""
        (module
          (memory (export "memory") 1)
          {{Alloc}}
          (func (export "run") (param $p i32) (param $n i32) (result i64)
            {{Pack("(local.get $p)", "(local.get $n)")}}))
        """);

    /// <summary>Returns one byte: the sum of the input bytes modulo 256, after a loop over them.</summary>
    public static byte[] ByteSum => Wat.Compile($$"""
        (module
          (memory (export "memory") 1)
          {{Alloc}}
          (func (export "run") (param $p i32) (param $n i32) (result i64)
            (local $i i32) (local $sum i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $sum (i32.add (local.get $sum) (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (i32.store8 (i32.const 0) (local.get $sum))
            {{Pack("(i32.const 0)", "(i32.const 1)")}}))
        """);

    /// <summary>Runs <paramref name="body"/> as <c>run</c>'s body (it must leave an i64).</summary>
    public static byte[] Run(string body, string memory = "(memory (export \"memory\") 1)") => Wat.Compile($$"""
        (module
          {{memory}}
          {{Alloc}}
          (func $self (export "run") (param $p i32) (param $n i32) (result i64)
            {{body}}))
        """);

    public static byte[] Unreachable => Run("unreachable");

    public static byte[] InfiniteLoop => Run("(loop $forever (br $forever)) (i64.const 0)");

    public static byte[] InfiniteRecursion => Run("(call $self (local.get $p) (local.get $n))");

    public static byte[] ReturnsRegion(uint pointer, uint length) =>
        Run(Pack($"(i32.const {unchecked((int)pointer)})", $"(i32.const {unchecked((int)length)})"));

    public static byte[] WithImport => Wat.Compile($$"""
        (module
          (import "env" "leak" (func $leak (param i32)))
          (memory (export "memory") 1)
          {{Alloc}}
          (func (export "run") (param $p i32) (param $n i32) (result i64) (i64.const 0)))
        """);

    public static byte[] WithoutRun => Wat.Compile($$"""
        (module
          (memory (export "memory") 1)
          {{Alloc}})
        """);

    public static byte[] RunWithWrongSignature => Wat.Compile($$"""
        (module
          (memory (export "memory") 1)
          {{Alloc}}
          (func (export "run") (param $p i32) (result i64) (i64.const 0)))
        """);

    public static byte[] MemoryNotAMemory => Wat.Compile($$"""
        (module
          (memory 1)
          {{Alloc}}
          (func (export "memory") (result i32) (i32.const 0))
          (func (export "run") (param $p i32) (param $n i32) (result i64) (i64.const 0)))
        """);

    public static byte[] AllocOutOfBounds => Wat.Compile("""
        (module
          (memory (export "memory") 1)
          (func (export "alloc") (param $n i32) (result i32) (i32.const 65535))
          (func (export "run") (param $p i32) (param $n i32) (result i64) (i64.const 0)))
        """);

    public static byte[] TrapInStart => Wat.Compile($$"""
        (module
          (memory (export "memory") 1)
          {{Alloc}}
          (func $start (drop (i32.div_u (i32.const 1) (i32.const 0))))
          (start $start)
          (func (export "run") (param $p i32) (param $n i32) (result i64) (i64.const 0)))
        """);
}
