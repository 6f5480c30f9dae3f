using Paraloom.Wasm.Decoding;
using Paraloom.Wasm.Validation;

namespace Paraloom.Wasm.Instrumentation;

/// <summary>
/// Rewrites a validated module so that it counts its own stack height in <see cref="StackBudget"/> units and, unless
/// the engine canonicalizes NaNs itself, canonicalizes the NaNs whose bits can be observed (<see cref="NaNCanonicalization"/>).
/// For the stack height it adds one mutable i32 global (exported as <see cref="StackBudget.HeightExport"/>) and wraps every call:
/// <code>
/// global.get h; i32.const cost; i32.add; global.set h
/// global.get h; i32.const MaxUnits; i32.gt_u; if; unreachable; end
/// call f
/// global.get h; i32.const cost; i32.sub; global.set h
/// </code>
/// The cost of a direct call is the callee's frame (its scratch locals and the canonicalization's operands included); of an
/// indirect call, the largest frame among the functions of that signature (any of them may be the callee). A budget trap
/// is an <c>unreachable</c> with the height above <see cref="StackBudget.MaxUnits"/>, which no other trap can leave: that
/// is how the host tells them apart. Nothing else changes: function, global, local and type indices keep their meaning,
/// since the new global and locals are the last.
/// </summary>
internal static class ModuleInstrumenter
{
    private const byte GlobalSection = 6;
    private const byte ExportSection = 7;
    private const byte CodeSection = 10;

    public static byte[] Instrument(byte[] original, ModuleData module, ModuleContext context, FunctionFacts[] facts)
    {
        var costs = FunctionCosts(module, context, facts);
        var indirectCosts = IndirectCosts(context, costs);
        var heightGlobal = (uint)context.Globals.Length;
        var pending = new List<byte> { GlobalSection, ExportSection };

        var output = new WasmWriter(original.Length + facts.Sum(f => f.Calls.Length) * 24 + 64);
        output.Bytes(original.AsSpan(0, 8));
        var reader = new WasmReader(original, 8, original.Length);
        while (!reader.AtEnd)
        {
            var id = reader.ReadByte();
            var size = (int)reader.ReadU32();
            var payloadStart = reader.Position;
            reader.Position += size;
            if (id != 0)
            {
                WritePendingBefore(ModuleDecoder.SectionOrder(id), pending, output, module, heightGlobal);
            }
            var payload = new WasmWriter(size + 16);
            switch (id)
            {
                case GlobalSection:
                    pending.Remove(GlobalSection);
                    AppendToVector(original, payloadStart, size, payload, module.Globals.Count, writer => WriteHeightGlobal(writer));
                    break;
                case ExportSection:
                    pending.Remove(ExportSection);
                    AppendToVector(original, payloadStart, size, payload, module.Exports.Count, writer => WriteHeightExport(writer, heightGlobal));
                    break;
                case CodeSection:
                    WriteCode(original, module, facts, costs, indirectCosts, heightGlobal, payload);
                    break;
                default:
                    payload.Bytes(original.AsSpan(payloadStart, size));
                    break;
            }
            output.Section(id, payload);
        }
        WritePendingBefore(int.MaxValue, pending, output, module, heightGlobal);
        return output.ToArray();
    }

    private static int[] FunctionCosts(ModuleData module, ModuleContext context, FunctionFacts[] facts)
    {
        var imported = context.FunctionTypeIndices.Length - module.Bodies.Count;
        var costs = new int[context.FunctionTypeIndices.Length];
        for (var i = 0; i < costs.Length; i++)
        {
            // An imported function's frame is not ours to measure: it pays the fixed overhead only.
            costs[i] = i < imported
                ? StackBudget.FrameOverheadUnits
                : FrameUnits(facts[i - imported]);
        }
        return costs;
    }

    private static int FrameUnits(FunctionFacts function) => function.NaNSites.Length == 0
        ? StackBudget.FrameUnits(function.LocalSlots, function.MaxOperandHeight)
        : StackBudget.FrameUnits(function.LocalSlots + NaNCanonicalization.ScratchTypes(function).Length,
            function.MaxOperandHeight + NaNCanonicalization.ExtraOperandHeight);

    private static Dictionary<FunctionType, int> IndirectCosts(ModuleContext context, int[] costs)
    {
        var byType = new Dictionary<FunctionType, int>();
        for (var i = 0; i < costs.Length; i++)
        {
            var type = context.FunctionTypeOf((uint)i);
            byType[type] = Math.Max(byType.GetValueOrDefault(type), costs[i]);
        }
        return byType;
    }

    /// <summary>Emits the new sections that belong before a section of order <paramref name="order"/> and were not written yet.</summary>
    private static void WritePendingBefore(int order, List<byte> pending, WasmWriter output, ModuleData module, uint heightGlobal)
    {
        foreach (var id in pending.ToArray())
        {
            if (ModuleDecoder.SectionOrder(id) >= order) continue;
            var payload = new WasmWriter();
            payload.U32(1);
            if (id == GlobalSection) WriteHeightGlobal(payload);
            else WriteHeightExport(payload, heightGlobal);
            output.Section(id, payload);
            pending.Remove(id);
        }
    }

    /// <summary>Copies a vector section with one more element written at its end.</summary>
    private static void AppendToVector(byte[] original, int payloadStart, int size, WasmWriter payload, int count, Action<WasmWriter> appendElement)
    {
        var reader = new WasmReader(original, payloadStart, payloadStart + size);
        reader.ReadU32();
        payload.U32((uint)count + 1);
        payload.Bytes(original.AsSpan(reader.Position, payloadStart + size - reader.Position));
        appendElement(payload);
    }

    private static void WriteHeightGlobal(WasmWriter writer)
    {
        writer.Byte((byte)ValueType.I32);
        writer.Byte(1); // mutable
        writer.Byte(0x41); // i32.const 0
        writer.S32(0);
        writer.Byte(0x0B);
    }

    private static void WriteHeightExport(WasmWriter writer, uint heightGlobal)
    {
        writer.Name(StackBudget.HeightExport);
        writer.Byte(0x03); // global
        writer.U32(heightGlobal);
    }

    private static void WriteCode(
        byte[] original, ModuleData module, FunctionFacts[] facts, int[] costs, Dictionary<FunctionType, int> indirectCosts,
        uint heightGlobal, WasmWriter payload)
    {
        payload.U32((uint)module.Bodies.Count);
        for (var i = 0; i < module.Bodies.Count; i++)
        {
            var body = module.Bodies[i];
            var function = facts[i];
            var code = new WasmWriter(body.End - body.Start + function.Calls.Length * 24 + function.NaNSites.Length * 16);
            var scratch = WriteLocals(original, body, function, code);
            var copied = function.CodeStart;
            var nextSite = 0;
            void CopyTo(int end)
            {
                for (; nextSite < function.NaNSites.Length && function.NaNSites[nextSite].End <= end; nextSite++)
                {
                    var site = function.NaNSites[nextSite];
                    code.Bytes(original.AsSpan(copied, site.End - copied));
                    NaNCanonicalization.Write(code, site.Type, scratch[site.Type]);
                    copied = site.End;
                }
                code.Bytes(original.AsSpan(copied, end - copied));
                copied = end;
            }
            foreach (var call in function.Calls)
            {
                var cost = call.Kind == CallKind.Direct ? costs[call.Index] : indirectCosts.GetValueOrDefault(module.Types[(int)call.Index], StackBudget.FrameOverheadUnits);
                CopyTo(call.Start);
                WriteEnter(code, heightGlobal, cost);
                CopyTo(call.End);
                WriteLeave(code, heightGlobal, cost);
            }
            CopyTo(body.End);
            payload.U32((uint)code.Length);
            payload.Bytes(code.ToArray());
        }
    }

    /// <summary>Copies the body's local declarations, with one scratch local more per float type it canonicalizes.</summary>
    /// <returns>The index of each scratch local by its type.</returns>
    private static Dictionary<ValueType, uint> WriteLocals(byte[] original, FunctionBody body, FunctionFacts function, WasmWriter code)
    {
        var scratchTypes = NaNCanonicalization.ScratchTypes(function);
        var reader = new WasmReader(original, body.Start, function.CodeStart);
        var groups = reader.ReadU32();
        code.U32(groups + (uint)scratchTypes.Length);
        code.Bytes(original.AsSpan(reader.Position, function.CodeStart - reader.Position));
        var scratch = new Dictionary<ValueType, uint>();
        foreach (var type in scratchTypes)
        {
            scratch[type] = (uint)(function.LocalSlots + scratch.Count);
            code.U32(1);
            code.Byte((byte)type);
        }
        return scratch;
    }

    private static void WriteEnter(WasmWriter code, uint height, int cost)
    {
        AddToHeight(code, height, cost, 0x6A); // i32.add
        code.Byte(0x23); // global.get h
        code.U32(height);
        code.Byte(0x41); // i32.const MaxUnits
        code.S32(StackBudget.MaxUnits);
        code.Byte(0x4B); // i32.gt_u
        code.Byte(0x04); // if (no results)
        code.Byte(0x40);
        code.Byte(0x00); // unreachable
        code.Byte(0x0B); // end
    }

    private static void WriteLeave(WasmWriter code, uint height, int cost) => AddToHeight(code, height, cost, 0x6B); // i32.sub

    private static void AddToHeight(WasmWriter code, uint height, int cost, byte operation)
    {
        code.Byte(0x23); // global.get h
        code.U32(height);
        code.Byte(0x41); // i32.const cost
        code.S32(cost);
        code.Byte(operation);
        code.Byte(0x24); // global.set h
        code.U32(height);
    }
}
