using Wasmtime;

namespace Paraloom.Compute.Execution;

/// <summary>One named Wasmtime setting: its name and value are hashed into the execution profile, <see cref="Apply"/> sets it.</summary>
internal sealed record SandboxSetting(string Name, string Value, Func<Config, Config> Apply);
