namespace Paraloom.Compute.Tests.Support;

/// <summary>
/// A compute ABI v1 module that makes NaNs every way float arithmetic can (0/0, ∞−∞, √−1, operands with payloads, the
/// input's own bit patterns) and lets every kind of observer see them: stores, reinterpretations, neg/abs/copysign,
/// locals, globals, blocks, branches, select, calls direct and indirect, comparisons and truncations. The output is
/// one 8-byte slot per observation (<see cref="Observations"/>, in order). The input is two f64 bit patterns.
/// </summary>
internal static class NaNCorpus
{
    /// <summary>Each observation: its name and an expression leaving an f64, f32, i64 or i32.</summary>
    public static readonly (string Name, string Type, string Expression)[] Observations =
    [
        ("0/0", "f64", "(f64.div (f64.const 0) (f64.const 0))"),
        ("inf-inf", "f64", "(f64.sub (f64.const inf) (f64.const inf))"),
        ("sqrt(-1)", "f64", "(f64.sqrt (f64.const -1))"),
        ("payload+1", "f64", "(f64.add (f64.const nan:0x1234) (f64.const 1))"),
        ("-payload*2", "f64", "(f64.mul (f64.const -nan:0x55) (f64.const 2))"),
        ("neg(0/0)", "f64", "(f64.neg (f64.div (f64.const 0) (f64.const 0)))"),
        ("abs(-payload+0)", "f64", "(f64.abs (f64.add (f64.const -nan:0x7) (f64.const 0)))"),
        ("copysign(1, 0/0)", "f64", "(f64.copysign (f64.const 1) (f64.div (f64.const 0) (f64.const 0)))"),
        ("copysign(neg 0/0, 1)", "f64", "(f64.copysign (f64.neg (f64.div (f64.const 0) (f64.const 0))) (f64.const 1))"),
        ("reinterpret(0/0)", "i64", "(i64.reinterpret_f64 (f64.div (f64.const 0) (f64.const 0)))"),
        ("local", "f64", "(local.set $x (f64.add (f64.const nan:0x99) (f64.const 0))) (local.get $x)"),
        ("local.tee", "f64", "(f64.neg (local.tee $x (f64.sub (f64.const nan:0x98) (f64.const 0))))"),
        ("global", "f64", "(global.set $g (f64.mul (f64.const nan:0x9a) (f64.const 3))) (global.get $g)"),
        ("block", "f64", "(block (result f64) (f64.div (f64.const nan:0x9b) (f64.const 1)))"),
        ("br_if", "f64", "(block $b (result f64) (drop (br_if $b (f64.mul (f64.const nan:0x9c) (f64.const 1)) (i32.const 1))) (f64.const 0))"),
        ("if", "f64", "(if (result f64) (i32.const 1) (then (f64.add (f64.const nan:0x9d) (f64.const 0))) (else (f64.const 0)))"),
        ("select", "f64", "(select (f64.add (f64.const nan:0x11) (f64.const 0)) (f64.sub (f64.const nan:0x22) (f64.const 0)) (i32.const 0))"),
        ("call param", "f64", "(call $id (f64.div (f64.const nan:0x9e) (f64.const 1)))"),
        ("call result", "f64", "(call $make)"),
        ("call_indirect", "f64", "(call_indirect (type $maker) (i32.const 0))"),
        ("min", "f64", "(f64.min (f64.const nan:0x44) (f64.const 1))"),
        ("max", "f64", "(f64.max (f64.const 1) (f64.const -nan:0x44))"),
        ("ceil", "f64", "(f64.ceil (f64.const nan:0x66))"),
        ("floor", "f64", "(f64.floor (f64.const -nan:0x66))"),
        ("trunc", "f64", "(f64.trunc (f64.const nan:0x67))"),
        ("nearest", "f64", "(f64.nearest (f64.const nan:0x68))"),
        ("promote", "f64", "(f64.promote_f32 (f32.const nan:0x5))"),
        ("chain", "f64", "(f64.add (f64.mul (f64.const nan:0x1) (f64.const 2)) (f64.const 3))"),
        ("kept: neg const", "f64", "(f64.neg (f64.const nan:0x77))"),
        ("kept: load", "f64", "(f64.store (i32.const 2048) (f64.const -nan:0x78)) (f64.load (i32.const 2048))"),
        ("kept: reinterpret", "f64", "(f64.reinterpret_i64 (i64.const 0x7ff0000000000079))"),
        ("eq", "i32", "(f64.eq (f64.div (f64.const 0) (f64.const 0)) (f64.div (f64.const 0) (f64.const 0)))"),
        ("ne", "i32", "(f64.ne (f64.sqrt (f64.const -1)) (f64.const 1))"),
        ("trunc_sat", "i64", "(i64.trunc_sat_f64_s (f64.add (f64.const nan:0x3) (f64.const 1)))"),
        ("input a*b", "f64", "(f64.mul (local.get $a) (local.get $b))"),
        ("input a+b", "f64", "(f64.add (local.get $a) (local.get $b))"),
        ("input a/b", "f64", "(f64.div (local.get $a) (local.get $b))"),
        ("input sqrt a", "f64", "(f64.sqrt (local.get $a))"),
        ("input neg(a-b)", "f64", "(f64.neg (f64.sub (local.get $a) (local.get $b)))"),
        ("input copysign(2, a*b)", "f64", "(f64.copysign (f64.const 2) (f64.mul (local.get $a) (local.get $b)))"),
        ("input loop sum", "f64", "(call $dot (local.get $a) (local.get $b))"),
        ("f32 0/0", "f32", "(f32.div (f32.const 0) (f32.const 0))"),
        ("f32 payload+1", "f32", "(f32.add (f32.const nan:0x12) (f32.const 1))"),
        ("f32 neg(inf-inf)", "f32", "(f32.neg (f32.sub (f32.const inf) (f32.const inf)))"),
        ("f32 reinterpret", "i32", "(i32.reinterpret_f32 (f32.mul (f32.const -nan:0x13) (f32.const 1)))"),
        ("f32 demote", "f32", "(f32.demote_f64 (f64.const nan:0x1000000000))"),
        ("f32 copysign", "f32", "(f32.copysign (f32.const 1) (f32.sqrt (f32.const -1)))"),
        ("f32 input demote a*b", "f32", "(f32.demote_f64 (f64.mul (local.get $a) (local.get $b)))"),
    ];

    public static int SlotOf(string name) => Array.FindIndex(Observations, o => o.Name == name);

    public static byte[] Module { get; } = Wat.Compile(Text());

    /// <summary>The input: two f64 bit patterns, little-endian.</summary>
    public static byte[] Input(ulong a, ulong b) => [.. BitConverter.GetBytes(a), .. BitConverter.GetBytes(b)];

    private static string Text()
    {
        var stores = string.Join("\n", Observations.Select((o, i) =>
            $"({o.Type}.store (i32.const {1024 + 8 * i}) {o.Expression})"));
        return $$"""
            (module
              (type $maker (func (result f64)))
              (memory (export "memory") 1)
              (global $g (mut f64) (f64.const 0))
              (table 1 funcref)
              (elem (i32.const 0) $make_indirect)
              (func (export "alloc") (param i32) (result i32) (i32.const 4096))
              (func $id (param f64) (result f64) (local.get 0))
              (func $make (result f64) (f64.sub (f64.const nan:0x45) (f64.const 1)))
              (func $make_indirect (type $maker) (f64.mul (f64.const -nan:0x46) (f64.const 1)))
              (func $dot (param $a f64) (param $b f64) (result f64)
                (local $i i32) (local $sum f64)
                (loop $next
                  (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $a) (f64.convert_i32_u (local.get $i)))))
                  (local.set $sum (f64.sub (local.get $sum) (local.get $b)))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
                (local.get $sum))
              (func (export "run") (param $p i32) (param $n i32) (result i64)
                (local $a f64) (local $b f64) (local $x f64)
                (memory.fill (i32.const 1024) (i32.const 0) (i32.const {{8 * Observations.Length}}))
                (local.set $a (f64.load (local.get $p)))
                (local.set $b (f64.load offset=8 (local.get $p)))
                {{stores}}
                (i64.or (i64.shl (i64.const 1024) (i64.const 32)) (i64.const {{8 * Observations.Length}}))))
            """;
    }
}
