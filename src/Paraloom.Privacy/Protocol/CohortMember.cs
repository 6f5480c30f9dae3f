namespace Paraloom.Privacy.Protocol;

/// <summary>A validator of an attempt's cohort and the public key the job key is wrapped to for it.</summary>
public sealed record CohortMember(string ValidatorId, PublicKey PublicKey);
