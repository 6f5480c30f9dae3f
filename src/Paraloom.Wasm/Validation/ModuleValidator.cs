using Paraloom.Wasm.Decoding;

namespace Paraloom.Wasm.Validation;

/// <summary>Validates everything outside function bodies and builds the context the bodies are checked against.</summary>
internal static class ModuleValidator
{
    private const uint MaxPages = 65536;

    private static ModuleException Invalid(string message) => new(ModuleErrorKind.Invalid, message);

    public static ModuleContext Validate(ModuleData module)
    {
        var types = module.Types.ToArray();
        var functionTypes = new List<uint>();
        var tables = new List<ValueType>();
        var globals = new List<GlobalType>();
        var memoryCount = 0;

        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    CheckType(import.TypeIndex, types);
                    functionTypes.Add(import.TypeIndex);
                    break;
                case ExternKind.Table:
                    CheckLimits(import.Table!.Limits, uint.MaxValue, "table");
                    tables.Add(import.Table.ElementType);
                    break;
                case ExternKind.Memory:
                    CheckLimits(import.Memory!.Limits, MaxPages, "memory");
                    memoryCount++;
                    break;
                case ExternKind.Global:
                    globals.Add(import.Global!);
                    break;
            }
        }
        var importedGlobals = globals.Count;

        foreach (var typeIndex in module.FunctionTypeIndices)
        {
            CheckType(typeIndex, types);
            functionTypes.Add(typeIndex);
        }
        foreach (var table in module.Tables)
        {
            CheckLimits(table.Limits, uint.MaxValue, "table");
            tables.Add(table.ElementType);
        }
        foreach (var memory in module.Memories)
        {
            CheckLimits(memory.Limits, MaxPages, "memory");
            memoryCount++;
        }
        if (memoryCount > 1) throw Invalid("multiple memories");

        var functionCount = (uint)functionTypes.Count;
        var declared = new bool[functionCount];
        var importedGlobalTypes = globals.ToArray();

        foreach (var global in module.Globals)
        {
            CheckConst(global.Init, global.Type.Type, importedGlobalTypes, functionCount, declared);
            globals.Add(global.Type);
        }

        var exportNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            if (!exportNames.Add(export.Name)) throw Invalid($"duplicate export name \"{export.Name}\"");
            var count = export.Kind switch
            {
                ExternKind.Function => functionCount,
                ExternKind.Table => (uint)tables.Count,
                ExternKind.Memory => (uint)memoryCount,
                _ => (uint)globals.Count,
            };
            if (export.Index >= count) throw Invalid($"unknown {export.Kind.ToString().ToLowerInvariant()} {export.Index}");
            if (export.Kind == ExternKind.Function) declared[export.Index] = true;
        }

        if (module.Start is { } start)
        {
            if (start >= functionCount) throw Invalid($"unknown function {start}");
            var type = types[functionTypes[(int)start]];
            if (type.Parameters.Count != 0 || type.Results.Count != 0) throw Invalid("start function must have type [] -> []");
        }

        var elementTypes = new ValueType[module.Elements.Count];
        for (var i = 0; i < module.Elements.Count; i++)
        {
            var segment = module.Elements[i];
            if (segment.Mode == SegmentMode.Active)
            {
                if (segment.TableIndex >= (uint)tables.Count) throw Invalid($"unknown table {segment.TableIndex}");
                CheckConst(segment.Offset, ValueType.I32, importedGlobalTypes, functionCount, declared);
                if (tables[(int)segment.TableIndex] != segment.ElementType) throw Invalid("type mismatch: element segment and table types differ");
            }
            foreach (var item in segment.Items) CheckConst(item, segment.ElementType, importedGlobalTypes, functionCount, declared);
            elementTypes[i] = segment.ElementType;
        }

        foreach (var data in module.Data)
        {
            if (data.Mode != SegmentMode.Active) continue;
            if (memoryCount == 0) throw Invalid("unknown memory 0");
            CheckConst(data.Offset, ValueType.I32, importedGlobalTypes, functionCount, declared);
        }

        return new ModuleContext
        {
            Types = types,
            FunctionTypeIndices = functionTypes.ToArray(),
            TableTypes = tables.ToArray(),
            HasMemory = memoryCount > 0,
            Globals = globals.ToArray(),
            ElementTypes = elementTypes,
            DataCount = module.DataCount,
            DataSegmentCount = module.Data.Count,
            DeclaredReferences = declared,
        };
    }

    private static void CheckType(uint index, FunctionType[] types)
    {
        if (index >= (uint)types.Length) throw Invalid($"unknown type {index}");
    }

    private static void CheckLimits(Limits limits, uint bound, string what)
    {
        if (what == "memory" && (limits.Min > bound || limits.Max > bound))
            throw Invalid("memory size must be at most 65536 pages (4GiB)");
        if (limits.Max is { } max && limits.Min > max)
            throw Invalid($"size minimum must not be greater than maximum ({what})");
    }

    /// <summary>
    /// Constant expressions may read only imported, immutable globals; a ref.func in one declares
    /// the function for use by ref.func inside bodies.
    /// </summary>
    private static void CheckConst(ConstExpr expr, ValueType expected, GlobalType[] importedGlobals, uint functionCount, bool[] declared)
    {
        ValueType actual;
        switch (expr.Kind)
        {
            case ConstKind.GlobalGet:
                if (expr.Index >= (uint)importedGlobals.Length) throw Invalid($"unknown global {expr.Index}");
                var global = importedGlobals[expr.Index];
                if (global.Mutable) throw Invalid("constant expression required");
                actual = global.Type;
                break;
            case ConstKind.RefFunc:
                if (expr.Index >= functionCount) throw Invalid($"unknown function {expr.Index}");
                declared[expr.Index] = true;
                actual = ValueType.FuncRef;
                break;
            default:
                actual = expr.Type;
                break;
        }
        if (actual != expected) throw Invalid($"type mismatch: constant expression is {actual.Name()}, expected {expected.Name()}");
    }
}
