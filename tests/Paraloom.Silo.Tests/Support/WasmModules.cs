namespace Paraloom.Silo.Tests.Support;

/// <summary>Small hand-assembled modules the silo must refuse.</summary>
internal static class WasmModules
{
    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    /// <summary>A valid module that imports a function.</summary>
    public static byte[] WithImport() =>
    [
        .. Header,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x02, 0x09, 0x01, 0x03, (byte)'e', (byte)'n', (byte)'v', 0x01, (byte)'f', 0x00, 0x00,
    ];

    /// <summary>A module whose only type takes a v128: SIMD, which jobs may not use.</summary>
    public static byte[] WithSimd() => [.. Header, 0x01, 0x05, 0x01, 0x60, 0x01, 0x7B, 0x00];

    /// <summary>Bytes that are not WebAssembly at all.</summary>
    public static byte[] Garbage() => "this is not a wasm module"u8.ToArray();
}
