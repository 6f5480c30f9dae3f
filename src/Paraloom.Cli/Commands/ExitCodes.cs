namespace Paraloom.Cli.Commands;

/// <summary>What paraloom's exit codes mean (the README's table lists the same).</summary>
internal static class ExitCodes
{
    /// <summary>Done; a job followed to its end agreed on a result without a trap.</summary>
    public const int Ok = 0;

    /// <summary>A failure: the silo refused or could not be reached, the job was rejected or ended in a trap.</summary>
    public const int Failed = 1;

    /// <summary>A usage error: an unknown option, a value that does not parse, a file that is not what the option needs.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
