using System.Runtime.InteropServices;

namespace Paraloom.Cli.Commands;

/// <summary>
/// The signals that ask localnet to stop: SIGINT (Ctrl-C, sent by a terminal to the whole process group), SIGTERM (a
/// service manager), SIGHUP (the terminal closed) and SIGQUIT. Each one is turned into <see cref="Token"/> instead of the
/// runtime's default of ending the process at once, so localnet stops its silos and its throwaway database before it
/// exits. System.CommandLine's own handling is turned off for localnet (it ends the process two seconds after Ctrl-C).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly List<PosixSignalRegistration> _registrations = [];

    public StopSignals(CancellationToken alsoOn)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(alsoOn);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _stop.Cancel();
            }));
        }
    }

    /// <summary>Cancelled once a stop signal arrives (or the token given at construction is cancelled).</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _stop.Dispose();
    }
}
