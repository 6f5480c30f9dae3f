namespace Paraloom.Grains.Tests.Support;

/// <summary>The sample programs from src/programs, and tiny hand-assembled modules for hostile cases.</summary>
internal static class WasmModules
{
    /// <summary>A compute ABI module whose <c>run</c> loops forever: only fuel stops it.</summary>
    public static byte[] InfiniteLoop() => AbiModule(locals: [], body: [0x03, 0x40, 0x0C, 0x00, 0x0B, 0x42, 0x00]);

    /// <summary>A compute ABI module whose <c>run</c> counts to <paramref name="iterations"/> and returns nothing.</summary>
    public static byte[] Spin(int iterations) => AbiModule(
        locals: [0x01, 0x01, 0x7F],
        body:
        [
            0x03, 0x40, // loop
            0x20, 0x02, 0x41, 0x01, 0x6A, 0x22, 0x02, // local.get 2; i32.const 1; i32.add; local.tee 2
            0x41, .. Leb128Signed(iterations), 0x49, 0x0D, 0x00, // i32.const n; i32.lt_u; br_if 0
            0x0B, 0x42, 0x00, // end; i64.const 0
        ]);

    /// <summary>A valid module that imports a function.</summary>
    public static byte[] WithImport() =>
    [
        .. Header,
        .. Section(1, [0x01, 0x60, 0x00, 0x00]),
        .. Section(2, [0x01, 0x03, (byte)'e', (byte)'n', (byte)'v', 0x01, (byte)'f', 0x00, 0x00]),
    ];

    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    private static byte[] AbiModule(byte[] locals, byte[] body)
    {
        byte[] allocBody = [0x00, 0x41, 0x80, 0x08, 0x0B];
        byte[] runBody = [.. (locals.Length == 0 ? [0x00] : locals), .. body, 0x0B];
        return
        [
            .. Header,
            .. Section(1, [0x02, 0x60, 0x01, 0x7F, 0x01, 0x7F, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7E]),
            .. Section(3, [0x02, 0x00, 0x01]),
            .. Section(5, [0x01, 0x00, 0x01]),
            .. Section(7,
            [
                0x03,
                0x06, .. "memory"u8, 0x02, 0x00,
                0x05, .. "alloc"u8, 0x00, 0x00,
                0x03, .. "run"u8, 0x00, 0x01,
            ]),
            .. Section(10, [0x02, .. Leb128((uint)allocBody.Length), .. allocBody, .. Leb128((uint)runBody.Length), .. runBody]),
        ];
    }

    private static byte[] Section(byte id, byte[] content) => [id, .. Leb128((uint)content.Length), .. content];

    private static byte[] Leb128(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Leb128Signed(int value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            bytes.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return [.. bytes];
            }
        }
    }
}
