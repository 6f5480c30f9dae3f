namespace Paraloom.Privacy.Protocol;

/// <summary>The job key wrapped to each member of one attempt's cohort, signed with the job's hand-out key.</summary>
public sealed record SignedKeyHandOut(int Attempt, IReadOnlyDictionary<string, WrappedJobKey> WrappedKeys, SchnorrSignature Signature);
