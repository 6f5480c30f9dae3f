using Paraloom.Wasm.Decoding;

namespace Paraloom.Wasm.Validation;

/// <summary>Decodes a function body's syntax only (immediates, nesting, final end) and throws if it is malformed.</summary>
internal static class BodyScanner
{
    public static void Scan(byte[] bytes, FunctionBody body)
    {
        var reader = new WasmReader(bytes, body.Start, body.End);
        var groups = reader.ReadCount(int.MaxValue, "local declarations");
        for (var i = 0; i < groups; i++)
        {
            reader.ReadU32();
            reader.ReadValueType();
        }
        var depth = 1;
        while (depth > 0)
        {
            if (reader.AtEnd) throw WasmReader.Malformed("unexpected end of section or function (END opcode expected)");
            var opcode = reader.ReadByte();
            switch (opcode)
            {
                case 0x02 or 0x03 or 0x04:
                    if (!ValueTypes.IsDefined(reader.PeekByte()) && reader.PeekByte() != 0x40) reader.ReadS33();
                    else reader.ReadByte();
                    depth++;
                    break;
                case 0x0B: depth--; break;
                case 0x0C or 0x0D or 0x10 or 0x20 or 0x21 or 0x22 or 0x23 or 0x24 or 0x25 or 0x26 or 0xD2: reader.ReadU32(); break;
                case 0x0E:
                {
                    var count = reader.ReadCount(int.MaxValue, "br_table targets");
                    for (var i = 0; i <= count; i++) reader.ReadU32();
                    break;
                }
                case 0x11: reader.ReadU32(); reader.ReadU32(); break;
                case 0x1C:
                {
                    var count = reader.ReadCount(int.MaxValue, "select types");
                    for (var i = 0; i < count; i++) reader.ReadValueType();
                    break;
                }
                case >= 0x28 and <= 0x3E: reader.ReadU32(); reader.ReadU32(); break;
                case 0x3F or 0x40: reader.ReadByte(); break;
                case 0x41: reader.ReadS32(); break;
                case 0x42: reader.ReadS64(); break;
                case 0x43: reader.ReadBytes(4); break;
                case 0x44: reader.ReadBytes(8); break;
                case 0xD0: reader.ReadReferenceType(); break;
                case 0xFC: ScanPrefixed(reader); break;
                default:
                    if (!Opcodes.IsKnown(opcode)) throw WasmReader.Malformed($"illegal opcode 0x{opcode:x2}");
                    break;
            }
        }
        if (!reader.AtEnd) throw WasmReader.Malformed("section size mismatch: bytes after the function's final end");
    }

    private static void ScanPrefixed(WasmReader reader)
    {
        var sub = reader.ReadU32();
        switch (sub)
        {
            case <= 7: break;
            case 8 or 12 or 14: reader.ReadU32(); reader.ReadU32(); break;
            case 9 or 11 or 13 or 15 or 16 or 17: reader.ReadU32(); break;
            case 10: reader.ReadByte(); reader.ReadByte(); break;
            default: throw WasmReader.Malformed($"illegal opcode 0xfc {sub}");
        }
    }
}
