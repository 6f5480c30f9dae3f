using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Paraloom.Client;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Cli.Commands;

/// <summary>How compute commands print a job's status and result, as text for people or JSON for scripts.</summary>
internal static class ComputeOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void WriteJson(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>The status, with how the agreed execution ended when the result was fetched.</summary>
    public static object StatusJson(JobProgress status, JobResult? result) => new
    {
        status.JobId,
        State = status.State.ToString(),
        status.IsPrivate,
        Requester = status.Requester.ToHex(),
        status.Attempt,
        status.VotesReceived,
        status.Replication,
        status.Threshold,
        ElapsedMs = (long)status.Elapsed.TotalMilliseconds,
        status.AwaitingKeys,
        Cohort = status.Cohort.Select(member => new { member.ValidatorId, PublicKey = member.PublicKey.ToHex() }),
        status.Digest,
        status.Reason,
        Privacy = status.Privacy is { } privacy ? PrivacyJson(privacy) : null,
        status.Profile,
        status.SubmittedAt,
        status.AttemptStartedAt,
        status.FinishedAt,
        status.FeeHeld,
        status.Fee,
        status.Version,
        Result = result?.Status.ToString(),
        Trap = result?.Error,
    };

    /// <summary>A private job's public facts, under the names and in the hex of the HTTP status's <c>privacy</c>.</summary>
    private static object PrivacyJson(PrivateJobContext privacy) => new
    {
        ModuleHash = Convert.ToHexStringLower(privacy.ModuleHash.Span),
        InputCommitment = privacy.InputCommitment.ToHex(),
        Nonce = privacy.Nonce.ToHex(),
    };

    public static void WriteStatus(TextWriter output, JobProgress status, JobResult? result)
    {
        output.WriteLine($"job       {status.JobId} ({(status.IsPrivate ? "private" : "public")})");
        output.WriteLine($"state     {status.State} (attempt {status.Attempt})");
        output.WriteLine($"replies   {status.VotesReceived}/{status.Cohort.Count} validators (agreement needs {status.Threshold})");
        output.WriteLine($"elapsed   {status.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        output.WriteLine($"submitted {Time(status.SubmittedAt)}");
        for (var attempt = 0; attempt < status.AttemptStartedAt.Count; attempt++)
        {
            output.WriteLine($"attempt {attempt + 1} {Time(status.AttemptStartedAt[attempt])}");
        }
        if (status.FinishedAt is { } finished)
        {
            output.WriteLine($"finished  {Time(finished)}");
        }
        output.WriteLine(status.Cohort.Count == 0
            ? "cohort    none yet: waiting for validators with free capacity"
            : $"cohort    {string.Join(", ", status.Cohort.Select(member => member.ValidatorId))}");
        if (status.Profile is { } profile)
        {
            output.WriteLine($"profile   {profile}");
        }
        if (status.Digest is { } digest)
        {
            output.WriteLine($"digest    {digest}");
        }
        if (status.Reason is { } reason)
        {
            output.WriteLine($"reason    {reason}");
        }
        WriteFee(output, status, result);
        if (result is not null)
        {
            output.WriteLine($"result    {result.Status}{(result.Error is { } error ? $" ({error})" : "")}");
        }
    }

    /// <summary>
    /// A public job's fee (or, while it runs, its hold); a private job's only to its requester, from the result it fetched.
    /// </summary>
    private static void WriteFee(TextWriter output, JobProgress status, JobResult? result)
    {
        if ((status.Fee ?? (result is null ? null : (long)result.Fee)) is { } fee)
        {
            output.WriteLine($"fee       {fee} credits");
        }
        else if (status.FeeHeld is { } held)
        {
            output.WriteLine($"fee       at most {held} credits (held until the job ends)");
        }
    }

    /// <summary>One line per job, oldest first: id, privacy, state, submitted and finished (UTC), and a public job's fee.</summary>
    public static void WriteJobList(TextWriter output, IReadOnlyList<JobProgress> jobs)
    {
        if (jobs.Count == 0)
        {
            output.WriteLine("no jobs stored for this key");
            return;
        }
        output.WriteLine("job                                  privacy  state       submitted             finished              fee");
        foreach (var job in jobs)
        {
            var finished = job.FinishedAt is { } at ? Time(at) : "-";
            var fee = job.Fee is { } charged ? $"{charged} credits" : job.FeeHeld is { } held ? $"at most {held} credits" : "-";
            output.WriteLine($"{job.JobId,-36} {(job.IsPrivate ? "private" : "public"),-8} {job.State,-11} {Time(job.SubmittedAt),-21} {finished,-21} {fee}");
        }
    }

    /// <summary>A moment in UTC, to the second, the same on every machine.</summary>
    private static string Time(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static object ResultJson(JobResult result, byte[] output, bool decrypted) => new
    {
        result.JobId,
        Status = result.Status.ToString(),
        result.Error,
        result.Digest,
        result.FuelUsed,
        result.Fee,
        result.IsPrivate,
        Decrypted = decrypted,
        Output = Convert.ToBase64String(output),
        Note = result.Note is { } note ? NoteJson(note, decrypted) : null,
    };

    /// <summary>
    /// The note's kind and commitment (public); its amount and blinding only with <c>--decrypt</c>, since they open it. The
    /// position appears once the service keeps a note tree (null, so left out, until then).
    /// </summary>
    private static object NoteJson(ResultNote note, bool decrypted) => new
    {
        Kind = note.Kind.ToString().ToLowerInvariant(),
        Commitment = note.Commitment.Commitment.ToHex(),
        Amount = decrypted ? note.Amount : null,
        Blinding = decrypted ? Convert.ToHexStringLower(note.Blinding.ExportBytes()) : null,
        note.Position,
    };

    /// <summary>What is known about the result, for standard error: standard output (or <c>--out</c>) holds its bytes alone.</summary>
    public static void WriteResult(TextWriter output, JobResult result, int length, bool decrypted, string? savedTo)
    {
        output.WriteLine($"job       {result.JobId}");
        output.WriteLine($"status    {result.Status}{(result.Error is { } error ? $" ({error})" : "")}");
        output.WriteLine($"digest    {result.Digest}");
        output.WriteLine($"fuel      {result.FuelUsed}");
        output.WriteLine($"fee       {result.Fee} credits");
        if (result.Note is { } note)
        {
            WriteNote(output, note, decrypted);
        }
        var what = result.IsPrivate && !decrypted ? "sealed output (pass --decrypt to open it)" : "output";
        output.WriteLine($"{what}: {length} bytes {(savedTo is null ? "on standard output" : $"written to {savedTo}")}");
    }

    private static void WriteNote(TextWriter output, ResultNote note, bool decrypted)
    {
        output.WriteLine($"note      {note.Kind.ToString().ToLowerInvariant()} {note.Commitment.Commitment.ToHex()}");
        if (!decrypted)
        {
            return;
        }
        if (note.Amount is { } amount)
        {
            output.WriteLine($"amount    {amount}");
        }
        output.WriteLine($"blinding  {Convert.ToHexStringLower(note.Blinding.ExportBytes())}");
    }
}
