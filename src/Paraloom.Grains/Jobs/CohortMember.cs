using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>A validator of an attempt's cohort and the key its votes are checked against (and job keys wrapped to).</summary>
public sealed record CohortMember(string ValidatorId, PublicKey PublicKey);
