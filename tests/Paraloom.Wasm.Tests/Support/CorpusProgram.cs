namespace Paraloom.Wasm.Tests.Support;

/// <summary>Runs a bench-corpus program through compute ABI v1: alloc, copy the input in, run, copy the output out.</summary>
internal static class CorpusProgram
{
    public static string CorpusDirectory => Path.Combine(Repository.SharedDirectory, "bench-corpus");

    public static byte[] Run(Engine engine, string program, byte[] input, StoreLimits? limits = null, Action<Store>? created = null)
    {
        var wasm = File.ReadAllBytes(Path.Combine(CorpusDirectory, "build", program + ".wasm"));
        var store = new Store(engine, limits);
        created?.Invoke(store);
        var instance = Instance.Create(store, engine.LoadModule(wasm));
        var pointer = instance.GetFunction("alloc")!.Invoke(Value.I32(input.Length))[0].AsI32();
        var memory = instance.GetMemory("memory")!;
        memory.Write((uint)pointer, input);
        var packed = (ulong)instance.GetFunction("run")!.Invoke(Value.I32(pointer), Value.I32(input.Length))[0].AsI64();
        return memory.ReadBytes((long)(packed >> 32), (int)(uint)packed);
    }
}
