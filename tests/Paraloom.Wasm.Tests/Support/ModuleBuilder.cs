namespace Paraloom.Wasm.Tests.Support;

/// <summary>A tiny binary-module writer for tests: types, functions with raw bodies, memory, table, exports, start.</summary>
internal sealed class ModuleBuilder
{
    private readonly List<(byte[] Params, byte[] Results)> _types = [];
    private readonly List<(int Type, byte[] Locals, byte[] Body)> _functions = [];
    private readonly List<(string Name, byte Kind, int Index)> _exports = [];
    private (uint Min, uint? Max)? _memory;
    private (uint Min, uint? Max)? _table;
    private int? _start;

    public const byte I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, FuncRef = 0x70;

    public int Type(byte[] parameters, byte[] results)
    {
        _types.Add((parameters, results));
        return _types.Count - 1;
    }

    /// <summary>Adds a function; <paramref name="body"/> is its instructions without the final end.</summary>
    public int Function(int type, byte[] body, params (uint Count, byte Type)[] locals)
    {
        var declarations = new List<byte>();
        declarations.AddRange(U32((uint)locals.Length));
        foreach (var (count, localType) in locals)
        {
            declarations.AddRange(U32(count));
            declarations.Add(localType);
        }
        _functions.Add((type, declarations.ToArray(), body));
        return _functions.Count - 1;
    }

    public ModuleBuilder Export(string name, int function)
    {
        _exports.Add((name, 0, function));
        return this;
    }

    public ModuleBuilder Memory(uint min, uint? max = null)
    {
        _memory = (min, max);
        _exports.Add(("memory", 2, 0));
        return this;
    }

    public ModuleBuilder Table(uint min, uint? max = null)
    {
        _table = (min, max);
        return this;
    }

    public ModuleBuilder Start(int function)
    {
        _start = function;
        return this;
    }

    public byte[] Build()
    {
        var module = new List<byte> { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };
        Section(module, 1, Vector(_types.Select(t => Concat([0x60], Vector(t.Params.Select(p => new[] { p })), Vector(t.Results.Select(r => new[] { r }))))));
        Section(module, 3, Vector(_functions.Select(f => U32((uint)f.Type))));
        if (_table is { } table) Section(module, 4, Vector([Concat([FuncRef], Limits(table.Min, table.Max))]));
        if (_memory is { } memory) Section(module, 5, Vector([Limits(memory.Min, memory.Max)]));
        Section(module, 7, Vector(_exports.Select(e => Concat(Name(e.Name), [e.Kind], U32((uint)e.Index)))));
        if (_start is { } start) Section(module, 8, U32((uint)start));
        Section(module, 10, Vector(_functions.Select(f =>
        {
            var body = Concat(f.Locals, f.Body, [0x0B]);
            return Concat(U32((uint)body.Length), body);
        })));
        return module.ToArray();
    }

    public static byte[] U32(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            bytes.Add(b);
        } while (value != 0);
        return bytes.ToArray();
    }

    public static byte[] S32(int value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
            {
                bytes.Add(b);
                return bytes.ToArray();
            }
            bytes.Add((byte)(b | 0x80));
        }
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Vector(IEnumerable<byte[]> items)
    {
        var list = items.ToList();
        return Concat([U32((uint)list.Count), .. list]);
    }

    private static byte[] Name(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        return Concat(U32((uint)bytes.Length), bytes);
    }

    private static byte[] Limits(uint min, uint? max) =>
        max is { } m ? Concat([0x01], U32(min), U32(m)) : Concat([0x00], U32(min));

    private static void Section(List<byte> module, byte id, byte[] content)
    {
        module.Add(id);
        module.AddRange(U32((uint)content.Length));
        module.AddRange(content);
    }
}
