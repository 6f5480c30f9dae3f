namespace Paraloom.Actors;

/// <summary>
/// A write or clear was refused because the stored record's ETag differs from the one the writer holds: someone
/// else wrote it since it was read. When this escapes a grain call, the runtime deactivates the activation so
/// the next call reloads the current state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag) : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag found in storage (null: no record).</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the writer held (null: it expected no record).</summary>
    public string? CurrentEtag { get; }
}
