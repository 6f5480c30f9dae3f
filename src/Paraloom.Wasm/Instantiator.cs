using Paraloom.Wasm.Decoding;
using Paraloom.Wasm.Execution;

namespace Paraloom.Wasm;

/// <summary>Module instantiation as the spec orders it: resolve imports, allocate, initialise segments, run start.</summary>
internal static class Instantiator
{
    public static Instance Instantiate(Store store, Module module, IReadOnlyDictionary<(string Module, string Name), Extern> imports)
    {
        var data = module.Data;
        var context = module.Context;
        var instance = new Instance(store, module);
        var functions = new List<Function>(context.FunctionTypeIndices.Length);
        var tables = new List<Table>();
        var globals = new List<Global>();

        foreach (var import in data.Imports)
        {
            if (!imports.TryGetValue((import.ModuleName, import.Name), out var item))
                throw new LinkException($"unknown import {import.ModuleName}.{import.Name}");
            if (item.Store != store) throw new LinkException($"import {import.ModuleName}.{import.Name} belongs to a different store");
            switch (import.Kind)
            {
                case ExternKind.Function when item is Function function:
                    if (!function.Type.Equals(context.Types[import.TypeIndex])) throw Incompatible(import, "function type differs");
                    functions.Add(function);
                    break;
                case ExternKind.Table when item is Table table:
                    if (table.ElementType != import.Table!.ElementType || !LimitsMatch(table.Size, table.Maximum, import.Table.Limits))
                        throw Incompatible(import, "table type differs");
                    tables.Add(table);
                    break;
                case ExternKind.Memory when item is Memory memory:
                    if (!LimitsMatch((uint)memory.Pages, memory.Maximum, import.Memory!.Limits)) throw Incompatible(import, "memory limits differ");
                    instance.Memory = memory;
                    break;
                case ExternKind.Global when item is Global global:
                    if (global.Type != import.Global!.Type || global.Mutable != import.Global.Mutable) throw Incompatible(import, "global type differs");
                    globals.Add(global);
                    break;
                default:
                    throw Incompatible(import, $"expected a {import.Kind.ToString().ToLowerInvariant()}, got a {item.Kind.ToString().ToLowerInvariant()}");
            }
        }

        var importedFunctions = functions.Count;
        for (var i = 0; i < module.Functions.Length; i++)
        {
            var typeIndex = context.FunctionTypeIndices[importedFunctions + i];
            functions.Add(new Function(store, context.Types[typeIndex], context.TypeIds[typeIndex], instance, module.Functions[i]));
        }
        instance.Functions = functions.ToArray();

        var importedGlobals = globals.ToArray();
        foreach (var definition in data.Globals)
        {
            globals.Add(new Global(store, definition.Type, Evaluate(definition.Init, instance.Functions, importedGlobals)));
        }
        instance.Globals = globals.ToArray();

        foreach (var table in data.Tables) tables.Add(new Table(store, table.ElementType, table.Limits.Min, table.Limits.Max));
        instance.Tables = tables.ToArray();
        foreach (var memory in data.Memories) instance.Memory = new Memory(store, memory.Limits.Min, memory.Limits.Max);

        instance.ElementSegments = data.Elements
            .Select(segment => segment.Items.Select(item => Evaluate(item, instance.Functions, importedGlobals)).ToArray())
            .ToArray();
        instance.DataSegments = data.Data.Select(segment => segment.Bytes).ToArray();

        foreach (var export in data.Exports)
        {
            Extern item = export.Kind switch
            {
                ExternKind.Function => instance.Functions[export.Index],
                ExternKind.Table => instance.Tables[export.Index],
                ExternKind.Memory => instance.Memory!,
                _ => instance.Globals[export.Index],
            };
            instance.AddExport(export.Name, item);
        }

        InitialiseElements(instance, data, importedGlobals);
        InitialiseData(instance, data, importedGlobals);

        if (data.Start is { } start) instance.Functions[start].Invoke();
        return instance;
    }

    private static LinkException Incompatible(Import import, string reason) =>
        new($"incompatible import type for {import.ModuleName}.{import.Name}: {reason}");

    private static bool LimitsMatch(uint actualMin, uint? actualMax, Limits declared) =>
        actualMin >= declared.Min && (declared.Max is not { } max || actualMax is { } actual && actual <= max);

    private static void InitialiseElements(Instance instance, ModuleData data, Global[] importedGlobals)
    {
        for (var i = 0; i < data.Elements.Count; i++)
        {
            var segment = data.Elements[i];
            if (segment.Mode == SegmentMode.Passive) continue;
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = (uint)Evaluate(segment.Offset, instance.Functions, importedGlobals);
                var table = instance.Tables[segment.TableIndex];
                var items = instance.ElementSegments[i];
                if ((ulong)offset + (ulong)items.Length > (ulong)table.Count) TrapException.Throw(TrapCode.TableOutOfBounds);
                items.CopyTo(table.Elements, (int)offset);
            }
            instance.ElementSegments[i] = [];
        }
    }

    private static void InitialiseData(Instance instance, ModuleData data, Global[] importedGlobals)
    {
        for (var i = 0; i < data.Data.Count; i++)
        {
            var segment = data.Data[i];
            if (segment.Mode != SegmentMode.Active) continue;
            var offset = (uint)Evaluate(segment.Offset, instance.Functions, importedGlobals);
            var memory = instance.Memory!;
            if ((ulong)offset + (ulong)segment.Bytes.Length > memory.Length) TrapException.Throw(TrapCode.MemoryOutOfBounds);
            segment.Bytes.CopyTo(memory.Span[(int)offset..]);
            instance.DataSegments[i] = [];
        }
    }

    private static ulong Evaluate(ConstExpr expr, Function[] functions, Global[] importedGlobals) => expr.Kind switch
    {
        ConstKind.GlobalGet => importedGlobals[expr.Index].Bits,
        ConstKind.RefFunc => functions[expr.Index].Handle,
        ConstKind.RefNull => 0,
        _ => expr.Bits,
    };
}
