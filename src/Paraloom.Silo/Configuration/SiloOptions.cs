using Paraloom.Compute;

namespace Paraloom.Silo;

/// <summary>
/// The silo's settings, bound from the <c>Paraloom</c> configuration section (appsettings.json, then
/// <c>Paraloom__Name</c> or <c>PARALOOM_NAME</c> environment variables, then the command line).
/// </summary>
public sealed class SiloOptions
{
    public const string SectionName = "Paraloom";

    /// <summary>
    /// Where grain state, reminders and validator keys live (the embedded file store). Empty: in memory,
    /// lost when the process exits.
    /// </summary>
    public string? StorageDirectory { get; set; }

    /// <summary>This silo's id in the scoring view.</summary>
    public string SiloId { get; set; } = "local";

    /// <summary>How many validators this silo hosts (default 3).</summary>
    public int Validators { get; set; } = 3;

    /// <summary>Executions one validator takes at once (default 4).</summary>
    public int ValidatorCapacity { get; set; } = 4;

    /// <summary>
    /// The dedicated threads this silo's validators share to run WebAssembly (default 4; about one per core).
    /// Work beyond them queues: the queue holds every execution the validators' capacity lets the registry assign.
    /// </summary>
    public int ExecutionThreads { get; set; } = 4;

    /// <summary>
    /// The largest request body Kestrel accepts (default 100 MiB: a capped module and input, base64-encoded).
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The network caps: no job may ask for more.</summary>
    public CapsSettings Caps { get; set; } = new();

    /// <summary>How long a private job waits for its requester to hand out the job key (default 2 min).</summary>
    public TimeSpan KeyHandOutTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each job re-checks its deadlines (default 5 s).</summary>
    public TimeSpan DeadlineCheckPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(Validators >= 1, $"{SectionName}:Validators must be at least 1 (it is {Validators}).");
        Require(ValidatorCapacity >= 1, $"{SectionName}:ValidatorCapacity must be at least 1 (it is {ValidatorCapacity}).");
        Require(ExecutionThreads >= 1, $"{SectionName}:ExecutionThreads must be at least 1 (it is {ExecutionThreads}).");
        Require(MaxRequestBodyBytes > 0, $"{SectionName}:MaxRequestBodyBytes must be positive (it is {MaxRequestBodyBytes}).");
        Require(!string.IsNullOrWhiteSpace(SiloId), $"{SectionName}:SiloId must not be empty.");
        Require(KeyHandOutTimeout > TimeSpan.Zero, $"{SectionName}:KeyHandOutTimeout must be positive.");
        Require(DeadlineCheckPeriod > TimeSpan.Zero, $"{SectionName}:DeadlineCheckPeriod must be positive.");
        Caps.ToNetworkCaps();
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
