namespace Paraloom.Wasm.Tests.Support;

/// <summary>Instruction byte helpers for hand-built test bodies.</summary>
internal static class Wasm
{
    public static byte[] I32Const(int value) => ModuleBuilder.Concat([0x41], ModuleBuilder.S32(value));
    public static byte[] LocalGet(uint index) => ModuleBuilder.Concat([0x20], ModuleBuilder.U32(index));
    public static byte[] LocalSet(uint index) => ModuleBuilder.Concat([0x21], ModuleBuilder.U32(index));
    public static byte[] Call(uint function) => ModuleBuilder.Concat([0x10], ModuleBuilder.U32(function));
    public static byte[] BrIf(uint depth) => ModuleBuilder.Concat([0x0D], ModuleBuilder.U32(depth));
    public static byte[] Br(uint depth) => ModuleBuilder.Concat([0x0C], ModuleBuilder.U32(depth));
    public static readonly byte[] LoopVoid = [0x03, 0x40];
    public static readonly byte[] BlockVoid = [0x02, 0x40];
    public static readonly byte[] End = [0x0B];
    public static readonly byte[] I32Add = [0x6A];
    public static readonly byte[] I32Sub = [0x6B];
    public static readonly byte[] I32Eqz = [0x45];
    public static readonly byte[] Drop = [0x1A];
    public static readonly byte[] MemoryGrow = [0x40, 0x00];
    public static readonly byte[] Return = [0x0F];
}
