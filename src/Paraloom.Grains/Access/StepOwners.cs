using Orleans;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// Which grain owns each step that is not the requester's: a quorum is opened, closed, settled and forgotten only by
/// its own job, voted into and refused only by the validator the vote or refusal names; reputation and load reach
/// the registry only from the validator they describe; an assignment reaches a validator only from the job it runs,
/// a reputation outcome only from the quorum of that attempt; a job hears only from its own quorums and the registry;
/// a module is stored only by the job named, and released or read only by a job; an account's hold is set, released and
/// settled only by the job named, a requester's recent jobs go only to its own account, and an earning reaches an account only from the payer account it names; a note is appended to the tree only by its
/// job, and the tree's shards hear only from the tree. The caller is the sending grain Orleans carries with the call.
/// </summary>
internal static class StepOwners
{
    private static readonly GrainType Job = GrainType.Create("compute-job");
    private static readonly GrainType Quorum = GrainType.Create("result-quorum");
    private static readonly GrainType Validator = GrainType.Create("validator");
    private static readonly GrainType Registry = GrainType.Create("validator-registry");
    private static readonly GrainType Account = GrainType.Create("account");
    private static readonly GrainType NoteTree = GrainType.Create("note-tree");

    /// <summary>Whether <paramref name="grainInterface"/> is one of the service's (not Orleans' own, such as reminders).</summary>
    public static bool Govern(Type grainInterface) =>
        grainInterface.Assembly == typeof(IComputeJobGrain).Assembly || grainInterface.Assembly == typeof(StepOwners).Assembly;

    /// <summary>Whether <paramref name="caller"/> owns the step <paramref name="call"/> asks for.</summary>
    public static bool Own(IIncomingGrainCallContext call, GrainId caller)
    {
        var target = call.TargetId.Key.ToString()!;
        var method = call.InterfaceMethod.Name;
        object? Argument(int index) => call.Request.GetArgument(index);
        return call.InterfaceMethod.DeclaringType switch
        {
            var type when type == typeof(IResultQuorumGrain) => method switch
            {
                nameof(IResultQuorumGrain.SubmitVoteAsync) => Is(caller, Validator, (Argument(0) as SignedVote)?.ValidatorId),
                nameof(IResultQuorumGrain.RecordRefusalAsync) => Is(caller, Validator, (Argument(0) as AssignmentRefusal)?.ValidatorId),
                nameof(IResultQuorumGrain.RecordWallClockAsync) => Is(caller, Validator, (Argument(0) as WallClockReport)?.ValidatorId),
                _ => Is(caller, Job, JobOfQuorum(target)),
            },
            var type when type == typeof(IAttemptListener) =>
                caller.Type == Quorum && JobOfQuorum(caller.Key.ToString()!) == target,
            var type when type == typeof(ICapacityListener) => Is(caller, Registry, IValidatorRegistryGrain.Key),
            var type when type == typeof(IJobInputGrain) => Is(caller, Job, target),
            var type when type == typeof(IValidatorRegistryGrain) => method switch
            {
                nameof(IValidatorRegistryGrain.RegisterAsync) => Is(caller, Validator, (Argument(0) as ValidatorInfo)?.ValidatorId),
                nameof(IValidatorRegistryGrain.ReportLoadAsync) or nameof(IValidatorRegistryGrain.ReportReputationAsync) =>
                    Is(caller, Validator, Argument(0) as string),
                nameof(IValidatorRegistryGrain.SelectCohortAsync) or nameof(IValidatorRegistryGrain.ReleaseAsync) =>
                    Is(caller, Job, Argument(0) as string),
                _ => false,
            },
            var type when type == typeof(IValidatorGrain) => method switch
            {
                nameof(IValidatorGrain.ExecuteAsync) => Is(caller, Job, (Argument(0) as Assignment)?.JobId),
                nameof(IValidatorGrain.ReportLoadAsync) => Is(caller, Registry, IValidatorRegistryGrain.Key),
                nameof(IValidatorGrain.ApplyReputationAsync) => Argument(0) is ReputationOutcome outcome
                    && Is(caller, Quorum, QuorumKey.For(outcome.JobId, outcome.Attempt)),
                // Load, reputation and public key, all public in the validator list: any grain may ask.
                nameof(IValidatorGrain.GetInfoAsync) => true,
                _ => false,
            },
            // A requester's share is claimed and given back only by a job about itself (a watch lease by whichever job holds it).
            var type when type == typeof(IRequesterGrain) => method switch
            {
                nameof(IRequesterGrain.AdmitAsync) => Is(caller, Job, (Argument(0) as RequesterClaim)?.JobId),
                nameof(IRequesterGrain.AssignedAsync) or nameof(IRequesterGrain.FinishedAsync) or nameof(IRequesterGrain.WithdrawAsync)
                    or nameof(IRequesterGrain.OpenWatchAsync) => Is(caller, Job, Argument(0) as string),
                nameof(IRequesterGrain.ForgottenAsync) => Is(caller, Job, Argument(0) as string),
                nameof(IRequesterGrain.CloseWatchAsync) => caller.Type == Job,
                // The list of its jobs goes only to the requester's own account, which has checked the owner's signature.
                nameof(IRequesterGrain.RecentJobsAsync) => Is(caller, Account, target),
                _ => false,
            },
            // An account's hold is set, released and settled only by the job it is for; an earning arrives only from the payer's account.
            var type when type == typeof(IAccountLedger) => method switch
            {
                nameof(IAccountLedger.HoldAsync) => Is(caller, Job, (Argument(0) as AccountHold)?.JobId),
                nameof(IAccountLedger.ReleaseAsync) => Is(caller, Job, Argument(0) as string),
                nameof(IAccountLedger.SettleAsync) => Is(caller, Job, (Argument(0) as AccountSettlement)?.JobId),
                nameof(IAccountLedger.EarnAsync) => Is(caller, Account, (Argument(0) as AccountEarning)?.Payer),
                _ => false,
            },
            // A job appends and acknowledges only its own note; any job may ask for a path (it holds the position).
            var type when type == typeof(INoteTreeGrain) => method switch
            {
                nameof(INoteTreeGrain.AppendAsync) or nameof(INoteTreeGrain.AcknowledgeAsync) => Is(caller, Job, Argument(0) as string),
                nameof(INoteTreeGrain.ProveAsync) => caller.Type == Job,
                _ => false,
            },
            var type when type == typeof(INoteShardGrain) => caller.Type == NoteTree,
            var type when type == typeof(IModuleGrain) => method switch
            {
                nameof(IModuleGrain.StoreAsync) => Is(caller, Job, Argument(1) as string),
                // A module counts its users rather than naming them, so any job may release (or read) it.
                nameof(IModuleGrain.ReleaseAsync) or nameof(IModuleGrain.ReadAsync) => caller.Type == Job,
                _ => false,
            },
            _ => false,
        };
    }

    private static bool Is(GrainId caller, GrainType type, string? key) =>
        key is not null && caller.Type == type && caller.Key.ToString() == key;

    /// <summary>The job of a quorum key ("job id/attempt"); job ids never contain '/'.</summary>
    private static string? JobOfQuorum(string quorumKey) =>
        quorumKey.LastIndexOf('/') is > 0 and var slash ? quorumKey[..slash] : null;
}
