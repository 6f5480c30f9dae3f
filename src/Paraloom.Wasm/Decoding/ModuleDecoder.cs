namespace Paraloom.Wasm.Decoding;

/// <summary>
/// Decodes the section structure of a binary module. Function bodies are only located here; their
/// instructions are decoded by the function compiler, which validates them at the same time.
/// </summary>
internal sealed class ModuleDecoder
{
    private const uint Magic = 0x6D736100;
    private const uint Version = 1;

    private readonly ModuleLimits _limits;
    private readonly WasmReader _reader;
    private readonly ModuleData _module = new();

    private ModuleDecoder(byte[] bytes, ModuleLimits limits)
    {
        _limits = limits;
        _reader = new WasmReader(bytes, 0, bytes.Length);
    }

    public static ModuleData Decode(byte[] bytes, ModuleLimits limits)
    {
        if (bytes.Length > limits.MaxModuleBytes)
            throw new ModuleException(ModuleErrorKind.TooLarge, $"module is {bytes.Length} bytes (limit {limits.MaxModuleBytes})");
        return new ModuleDecoder(bytes, limits).DecodeModule();
    }

    private static ModuleException Malformed(string message) => WasmReader.Malformed(message);

    private ModuleData DecodeModule()
    {
        if (_reader.Remaining < 4 || _reader.ReadFixedU32() != Magic) throw Malformed("magic header not detected");
        if (_reader.Remaining < 4) throw Malformed("unknown binary version");
        if (_reader.ReadFixedU32() != Version) throw Malformed("unknown binary version");

        var functionCount = -1;
        var lastOrder = 0;
        while (!_reader.AtEnd)
        {
            var id = _reader.ReadByte();
            var size = _reader.ReadU32();
            if (size > (uint)_reader.Remaining) throw Malformed("section size out of bounds (unexpected end)");
            var sectionEnd = _reader.Position + (int)size;
            if (id != 0)
            {
                var order = SectionOrder(id);
                if (order <= lastOrder) throw Malformed(order == 0 ? $"malformed section id {id}" : "unexpected content after last section (section out of order or repeated)");
                lastOrder = order;
            }

            var outerEnd = _reader.Limit(sectionEnd);
            switch (id)
            {
                case 0: ReadCustomSection(); break;
                case 1: ReadTypeSection(); break;
                case 2: ReadImportSection(); break;
                case 3: functionCount = ReadFunctionSection(); break;
                case 4: ReadTableSection(); break;
                case 5: ReadMemorySection(); break;
                case 6: ReadGlobalSection(); break;
                case 7: ReadExportSection(); break;
                case 8: _module.Start = _reader.ReadU32(); break;
                case 9: ReadElementSection(); break;
                case 10: ReadCodeSection(functionCount); break;
                case 11: ReadDataSection(); break;
                case 12: _module.DataCount = _reader.ReadU32(); break;
            }
            if (_reader.Position != sectionEnd) throw Malformed("section size mismatch");
            _reader.Limit(outerEnd);
        }

        if (functionCount > 0 && _module.Bodies.Count == 0)
            throw Malformed("function and code section have inconsistent lengths");
        if (_module.DataCount is { } dataCount && dataCount != _module.Data.Count)
            throw Malformed("data count and data section have inconsistent lengths");
        return _module;
    }

    /// <summary>The position a known section must keep; 0 for an unknown id.</summary>
    internal static int SectionOrder(byte id) => id switch
    {
        1 => 1, 2 => 2, 3 => 3, 4 => 4, 5 => 5, 6 => 6, 7 => 7, 8 => 8, 9 => 9,
        12 => 10, 10 => 11, 11 => 12,
        _ => 0,
    };

    private void ReadCustomSection()
    {
        _reader.ReadName();
        _reader.Position = _reader.End;
    }

    private void ReadTypeSection()
    {
        var count = _reader.ReadCount(_limits.MaxTypes, "types");
        for (var i = 0; i < count; i++)
        {
            if (_reader.ReadByte() != 0x60) throw Malformed("integer representation too long (malformed function type)");
            var parameters = ReadValueTypes(_limits.MaxFunctionParams, "parameters");
            var results = ReadValueTypes(_limits.MaxFunctionResults, "results");
            _module.Types.Add(new FunctionType(parameters, results));
        }
    }

    private ValueType[] ReadValueTypes(int limit, string what)
    {
        var count = _reader.ReadCount(limit, what);
        var types = new ValueType[count];
        for (var i = 0; i < count; i++) types[i] = _reader.ReadValueType();
        return types;
    }

    private void ReadImportSection()
    {
        var count = _reader.ReadCount(_limits.MaxImports, "imports");
        for (var i = 0; i < count; i++)
        {
            var moduleName = _reader.ReadName();
            var name = _reader.ReadName();
            var kind = _reader.ReadByte();
            var import = kind switch
            {
                0 => new Import(moduleName, name, ExternKind.Function, _reader.ReadU32(), null, null, null),
                1 => new Import(moduleName, name, ExternKind.Table, 0, ReadTableType(), null, null),
                2 => new Import(moduleName, name, ExternKind.Memory, 0, null, ReadMemoryType(), null),
                3 => new Import(moduleName, name, ExternKind.Global, 0, null, null, ReadGlobalType()),
                _ => throw Malformed($"malformed import kind {kind}"),
            };
            _module.Imports.Add(import);
        }
    }

    private int ReadFunctionSection()
    {
        var count = _reader.ReadCount(_limits.MaxFunctions, "functions");
        for (var i = 0; i < count; i++) _module.FunctionTypeIndices.Add(_reader.ReadU32());
        return count;
    }

    private void ReadTableSection()
    {
        var count = _reader.ReadCount(_limits.MaxTables, "tables");
        for (var i = 0; i < count; i++) _module.Tables.Add(ReadTableType());
    }

    private void ReadMemorySection()
    {
        var count = _reader.ReadCount(_limits.MaxTables, "memories");
        for (var i = 0; i < count; i++) _module.Memories.Add(ReadMemoryType());
    }

    private void ReadGlobalSection()
    {
        var count = _reader.ReadCount(_limits.MaxGlobals, "globals");
        for (var i = 0; i < count; i++)
        {
            var type = ReadGlobalType();
            _module.Globals.Add(new GlobalDefinition(type, ReadConstExpr()));
        }
    }

    private void ReadExportSection()
    {
        var count = _reader.ReadCount(_limits.MaxExports, "exports");
        for (var i = 0; i < count; i++)
        {
            var name = _reader.ReadName();
            var kind = _reader.ReadByte();
            if (kind > 3) throw Malformed($"malformed export kind {kind}");
            _module.Exports.Add(new Export(name, (ExternKind)kind, _reader.ReadU32()));
        }
    }

    private void ReadElementSection()
    {
        var count = _reader.ReadCount(_limits.MaxElementSegments, "element segments");
        for (var i = 0; i < count; i++) _module.Elements.Add(ReadElementSegment());
    }

    private ElementSegment ReadElementSegment()
    {
        var flags = _reader.ReadU32();
        if (flags > 7) throw Malformed($"malformed elements segment kind {flags}");
        var mode = (flags & 1) == 0 ? SegmentMode.Active : (flags & 2) == 0 ? SegmentMode.Passive : SegmentMode.Declarative;
        var usesExpressions = (flags & 4) != 0;
        uint table = 0;
        var offset = default(ConstExpr);
        if (mode == SegmentMode.Active)
        {
            if ((flags & 2) != 0) table = _reader.ReadU32();
            offset = ReadConstExpr();
        }

        var elementType = ValueType.FuncRef;
        if (mode != SegmentMode.Active || (flags & 2) != 0)
        {
            if (usesExpressions)
            {
                elementType = _reader.ReadReferenceType();
            }
            else
            {
                var elemKind = _reader.ReadByte();
                if (elemKind != 0) throw Malformed($"malformed element kind {elemKind}");
            }
        }

        var itemCount = _reader.ReadCount(int.MaxValue, "element segment items");
        var items = new ConstExpr[itemCount];
        for (var j = 0; j < itemCount; j++)
        {
            items[j] = usesExpressions ? ReadConstExpr() : new ConstExpr(ConstKind.RefFunc, 0, _reader.ReadU32(), ValueType.FuncRef);
        }
        return new ElementSegment(mode, table, offset, elementType, items);
    }

    private void ReadCodeSection(int functionCount)
    {
        var count = _reader.ReadCount(_limits.MaxFunctions, "function bodies");
        if (count != Math.Max(functionCount, 0)) throw Malformed("function and code section have inconsistent lengths");
        for (var i = 0; i < count; i++)
        {
            var size = _reader.ReadU32();
            if (size > (uint)_reader.Remaining) throw Malformed("unexpected end of section or function");
            if (size > (uint)_limits.MaxFunctionBodyBytes)
                throw new ModuleException(ModuleErrorKind.TooLarge, $"function body of {size} bytes (limit {_limits.MaxFunctionBodyBytes})");
            _module.Bodies.Add(new FunctionBody(_reader.Position, _reader.Position + (int)size));
            _reader.Position += (int)size;
        }
    }

    private void ReadDataSection()
    {
        var count = _reader.ReadCount(_limits.MaxDataSegments, "data segments");
        for (var i = 0; i < count; i++)
        {
            var flags = _reader.ReadU32();
            var segment = flags switch
            {
                0 => new DataSegment(SegmentMode.Active, ReadConstExpr(), ReadDataBytes()),
                1 => new DataSegment(SegmentMode.Passive, default, ReadDataBytes()),
                2 => ReadActiveDataWithMemory(),
                _ => throw Malformed($"malformed data segment kind {flags}"),
            };
            _module.Data.Add(segment);
        }
    }

    private DataSegment ReadActiveDataWithMemory()
    {
        var memory = _reader.ReadU32();
        if (memory != 0) throw new ModuleException(ModuleErrorKind.Invalid, $"unknown memory {memory}");
        return new DataSegment(SegmentMode.Active, ReadConstExpr(), ReadDataBytes());
    }

    private byte[] ReadDataBytes()
    {
        var length = _reader.ReadU32();
        if (length > (uint)_reader.Remaining) throw Malformed("unexpected end of section or function");
        return _reader.ReadBytes((int)length).ToArray();
    }

    private TableType ReadTableType()
    {
        var elementType = _reader.ReadReferenceType();
        return new TableType(elementType, ReadLimits());
    }

    private MemoryType ReadMemoryType() => new(ReadLimits());

    private Limits ReadLimits()
    {
        var flags = _reader.ReadByte();
        return flags switch
        {
            0 => new Limits(_reader.ReadU32(), null),
            1 => new Limits(_reader.ReadU32(), _reader.ReadU32()),
            _ => throw Malformed($"integer too large (malformed limits flags 0x{flags:x2})"),
        };
    }

    private GlobalType ReadGlobalType()
    {
        var type = _reader.ReadValueType();
        var mutability = _reader.ReadByte();
        if (mutability > 1) throw Malformed($"malformed mutability {mutability}");
        return new GlobalType(type, mutability == 1);
    }

    /// <summary>
    /// Reads a constant expression. Instructions that are well-formed but not constant are an
    /// invalid module; so is anything but exactly one value (checked against the expected type later).
    /// </summary>
    private ConstExpr ReadConstExpr()
    {
        var values = new List<ConstExpr>(1);
        while (true)
        {
            var opcode = _reader.ReadByte();
            switch (opcode)
            {
                case 0x0B:
                    if (values.Count != 1) throw new ModuleException(ModuleErrorKind.Invalid, "type mismatch: constant expression must produce exactly one value");
                    return values[0];
                case 0x41: values.Add(new ConstExpr(ConstKind.I32, (uint)_reader.ReadS32(), 0, ValueType.I32)); break;
                case 0x42: values.Add(new ConstExpr(ConstKind.I64, (ulong)_reader.ReadS64(), 0, ValueType.I64)); break;
                case 0x43: values.Add(new ConstExpr(ConstKind.F32, _reader.ReadFixedU32(), 0, ValueType.F32)); break;
                case 0x44: values.Add(new ConstExpr(ConstKind.F64, _reader.ReadFixedU64(), 0, ValueType.F64)); break;
                case 0xD0: values.Add(new ConstExpr(ConstKind.RefNull, 0, 0, _reader.ReadReferenceType())); break;
                case 0xD2: values.Add(new ConstExpr(ConstKind.RefFunc, 0, _reader.ReadU32(), ValueType.FuncRef)); break;
                case 0x23: values.Add(new ConstExpr(ConstKind.GlobalGet, 0, _reader.ReadU32(), 0)); break;
                default:
                    if (Opcodes.IsKnown(opcode)) throw new ModuleException(ModuleErrorKind.Invalid, "constant expression required");
                    throw Malformed($"illegal opcode 0x{opcode:x2}");
            }
        }
    }
}
