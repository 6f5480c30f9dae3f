using Paraloom.Client;

namespace Paraloom.Cli.Commands;

/// <summary>
/// Shows a job's progress on standard error while a command waits: one status line redrawn with a spinner on
/// a terminal, one line per change otherwise (so logs and pipes stay readable). Standard output keeps only
/// the command's result, for scripts.
/// </summary>
internal sealed class ProgressLine : IProgress<JobProgress>, IDisposable
{
    private static readonly char[] Spinner = ['|', '/', '-', '\\'];

    private readonly TextWriter _error;
    private readonly bool _interactive;
    private readonly Lock _lock = new();
    private readonly Timer? _timer;
    private string _text = "";
    private int _frame;
    private int _drawnLength;
    private bool _stopped;

    public ProgressLine(TextWriter error)
    {
        _error = error;
        _interactive = Terminal.IsInteractive(error);
        _timer = _interactive ? new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(120)) : null;
    }

    public void Report(JobProgress value)
    {
        var text = Describe(value);
        lock (_lock)
        {
            if (text == _text)
            {
                return;
            }
            _text = text;
            if (!_interactive)
            {
                _error.WriteLine(text);
            }
        }
        Draw();
    }

    /// <summary>What a job is waiting for, in the words a user needs.</summary>
    public static string Describe(JobProgress status)
    {
        var votes = $"{status.VotesReceived}/{status.Cohort.Count} votes, agreement at {status.Threshold}";
        return $"job {status.JobId}: " + status.State switch
        {
            JobState.Submitted => "queued: waiting for validators with free capacity",
            JobState.Assigned => $"attempt {status.Attempt}: cohort assigned",
            JobState.AwaitingKeys => $"attempt {status.Attempt}: handing the job key to the cohort",
            JobState.KeysDelivered => $"attempt {status.Attempt}: the cohort holds the job key",
            JobState.Executing => $"attempt {status.Attempt}: executing, {votes}",
            JobState.Retrying => $"attempt {status.Attempt} retried: {status.Reason}",
            JobState.Finalised => $"finalised at attempt {status.Attempt}, {votes}",
            JobState.Rejected => $"rejected: {status.Reason}",
            JobState.Cancelled => "cancelled by its requester",
            _ => status.State.ToString(),
        };
    }

    private void Draw()
    {
        if (!_interactive)
        {
            return;
        }
        lock (_lock)
        {
            if (_stopped || _text.Length == 0)
            {
                return;
            }
            var line = $"{Spinner[_frame++ % Spinner.Length]} {_text}";
            _error.Write("\r" + line.PadRight(_drawnLength));
            _error.Flush();
            _drawnLength = line.Length;
        }
    }

    /// <summary>Stops the spinner and leaves the last status on its own line.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            _stopped = true;
            if (_interactive && _drawnLength > 0)
            {
                _error.Write("\r" + _text.PadRight(_drawnLength + 2) + Environment.NewLine);
                _drawnLength = 0;
            }
        }
    }
}
