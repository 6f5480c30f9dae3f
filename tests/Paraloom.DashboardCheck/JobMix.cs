using Paraloom.Client;
using Paraloom.Privacy;

namespace Paraloom.DashboardCheck;

/// <summary>
/// A small mix of jobs that gives every panel something to show: a public job whose result is fetched, a
/// private job (key hand-out), a refused submission, and a job replicated on every validator, the faulty one
/// included, which is retried, penalises it and ends rejected.
/// </summary>
internal static class JobMix
{
    public static async Task RunAsync(ParaloomClient client, TextWriter log)
    {
        using var requester = SecretKey.Generate();
        var sum = Repository.Program("sum");

        using (var job = Job.Builder().Wasm(sum).Input(ProgramInputs.Numbers(1, 2, 3)).RequestedBy(requester).Replication(1).Build())
        {
            await client.WaitAsync(await client.SubmitAsync(job));
            await client.GetResultAsync(job.Id, requester);
            log.WriteLine($"job mix: {job.Id} public, finalised, result fetched");
        }
        using (var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput("check"u8, requester.PublicKey)
            .WithOwnershipProof(requester).Replication(1).Build())
        {
            await client.WaitAsync(await client.SubmitAsync(job));
            log.WriteLine($"job mix: {job.Id} private, key handed out, finalised");
        }
        try
        {
            using var refused = Job.Builder().Wasm(Repository.Program("trap")).Input([]).RequestedBy(requester)
                .Limits(new JobLimits { Fuel = long.MaxValue }).Build();
            await client.SubmitAsync(refused);
            throw new InvalidOperationException("A job asking for more fuel than the cap was accepted.");
        }
        catch (ValidationException refusal)
        {
            log.WriteLine($"job mix: submission refused ({refusal.Error})");
        }

        // Every validator is in this job's cohort, the faulty one too, and all three must agree: each attempt fails on its bad signature and
        // penalises it, until the job runs out of attempts or, with the penalised member gated out, of time.
        using (var job = Job.Builder().Wasm(sum).Input(ProgramInputs.Numbers(4, 5)).RequestedBy(requester)
            .Replication(CheckedSilo.Validators).Limits(new JobLimits { DistributionTimeout = TimeSpan.FromSeconds(10) }).Build())
        {
            try
            {
                var final = await client.WaitAsync(await client.SubmitAsync(job));
                throw new InvalidOperationException($"{job.Id} was {final.State} although {CheckedSilo.Faulty} cannot sign a vote.");
            }
            catch (JobRejectedException rejected)
            {
                log.WriteLine($"job mix: {job.Id} K={CheckedSilo.Validators}, retried and rejected: {rejected.Reason}");
            }
        }
    }
}
