using Paraloom.Compute.Agreement;

namespace Paraloom.Grains;

/// <summary>An attempt's quorum at a moment; <see cref="Closed"/> once its deadline passed and silent members timed out.</summary>
public sealed record QuorumSnapshot(
    string JobId, int Attempt, int CohortSize, int Threshold, IReadOnlyCollection<string> Replied, int VotesCounted,
    QuorumDecision? Decision, bool Closed);

/// <summary>
/// What an attempt decided: finalise (with the agreed result), retry or reject. <see cref="Faulted"/> names
/// the members it caught failing so far (a bad signature, equivocation, a refusal, or silence once closed),
/// whom a retry should pick last.
/// </summary>
public sealed record QuorumDecision(
    string JobId, int Attempt, AgreementOutcomeKind Kind, AgreedResult? Result, string? Reason, IReadOnlyCollection<string> Faulted);
