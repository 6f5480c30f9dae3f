using System.Reflection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// Every grain call a silo takes passes here. A requester's method (<see cref="RequesterSurfaceAttribute"/>) is open to
/// anyone; every other method of the service's interfaces only to the grain that owns the step (<see cref="StepOwners"/>),
/// so a gateway client is refused whatever interface or alias it declares. Orleans' own interfaces on grains (reminders,
/// grain extensions) are left to calls from within the cluster, and Orleans' system targets to Orleans. The method checked is the silo's own: a caller's declaration
/// only names it.
/// </summary>
internal sealed partial class GrainCallGuard(ILocalSiloDetails silo, ILogger<GrainCallGuard> logger) : IIncomingGrainCallFilter
{
    private readonly string _hostedClientKey = HostedClient.KeyOf(silo);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (Allows(context))
        {
            return context.Invoke();
        }
        var method = $"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}";
        LogRefused(logger, method, context.SourceId?.ToString() ?? "an unknown caller", context.TargetId.ToString());
        throw new CallNotAllowedException($"{method} is not the requester's to call: only the grain that owns this step may.");
    }

    private bool Allows(IIncomingGrainCallContext call)
    {
        var method = call.InterfaceMethod;
        // System targets are Orleans' own (the cluster manifest every client reads, membership): Orleans guards them.
        if (call.TargetId.IsSystemTarget() || method.IsDefined(typeof(RequesterSurfaceAttribute), inherit: false))
        {
            return true;
        }
        var governed = StepOwners.Govern(method.DeclaringType!);
        if (call.SourceId is not { } caller)
        {
            // Orleans' own runtime calls name no sender; a gateway client always does.
            return !governed;
        }
        if (caller.IsClient())
        {
            return caller.Key.ToString() == _hostedClientKey && HostedClientMay(method);
        }
        return !governed || StepOwners.Own(call, caller);
    }

    /// <summary>
    /// The silo's own process calls grains outside any grain: Orleans' runtime, and the activation of its validators when
    /// it starts. Its HTTP API calls only the requester's surface.
    /// </summary>
    private static bool HostedClientMay(MethodInfo method) =>
        !StepOwners.Govern(method.DeclaringType!)
        || (method.DeclaringType == typeof(IValidatorGrain) && method.Name == nameof(IValidatorGrain.GetInfoAsync));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a call to {Method} from {Caller} on {Target}: not the caller's step")]
    private static partial void LogRefused(ILogger logger, string method, string caller, string target);
}
