using Orleans;
using Paraloom.Compute.Agreement;

namespace Paraloom.Grains;

/// <summary>An attempt's quorum at a moment; <see cref="Closed"/> once its deadline passed and silent members timed out.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.quorum-snapshot")]
public sealed record QuorumSnapshot(
    [property: Id(0)] string JobId, [property: Id(1)] int Attempt, [property: Id(2)] int CohortSize, [property: Id(3)] int Threshold,
    [property: Id(4)] IReadOnlyCollection<string> Replied, [property: Id(5)] int VotesCounted,
    [property: Id(6)] QuorumDecision? Decision, [property: Id(7)] bool Closed);

/// <summary>
/// What an attempt decided: finalise (with the agreed result), retry or reject. <see cref="Faulted"/> names
/// the members it caught failing so far (a bad signature, equivocation, a refusal, or silence once closed),
/// whom a retry should pick last. <see cref="RejectionCode"/> says why a rejection is one, when the attempt knows
/// better than "the cohorts disagreed". <see cref="Evidence"/> holds, for an attempt that failed in a way its cohort
/// certifies (every member reported the wall clock, or its votes left no result able to reach the threshold), the
/// members' signed claims a rejection receipt is made of; null otherwise.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.quorum-decision")]
public sealed record QuorumDecision(
    [property: Id(0)] string JobId, [property: Id(1)] int Attempt, [property: Id(2)] AgreementOutcomeKind Kind,
    [property: Id(3)] AgreedResult? Result, [property: Id(4)] string? Reason, [property: Id(5)] IReadOnlyCollection<string> Faulted,
    [property: Id(6)] string? RejectionCode = null, [property: Id(7)] IReadOnlyList<FailedAttemptClaim>? Evidence = null);
