using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Grains.Tests.Support;
using Paraloom.Testing;

namespace Paraloom.Grains.Tests;

/// <summary>A final job's result carries its receipt, which proves that very result under the test network's authority.</summary>
public sealed class JobReceiptTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    [Fact]
    public async Task APublicJobsReceiptProvesItsOutput()
    {
        var cluster = shared.Cluster;
        var submitted = await cluster.SubmitPublicAsync("receipt-sum", Repository.Program("sum"), ProgramInputs.Numbers(4, 5));
        var final = await cluster.WaitFinalAsync("receipt-sum");
        var result = await cluster.FetchResultAsync("receipt-sum");

        var receipt = JobReceipt.FromBytes(result.Receipt.Span);

        receipt.Verify(TestNetwork.Authority.PublicKey, submitted.Statement!.Statement, result.Output.Span);
        Assert.Equal(final.Cohort.Select(member => member.ValidatorId), receipt.Cohort);
        Assert.Equal(final.Profile, receipt.Profile);
        Assert.Equal(result.FuelUsed, receipt.FuelUsed);
        Assert.True(receipt.Votes.Count >= final.Threshold);
        var forged = ProgramInputs.Sum(4, 6);
        Assert.Throws<InvalidReceiptException>(() => receipt.Verify(TestNetwork.Authority.PublicKey, submitted.Statement.Statement, forged));
    }

    [Fact]
    public async Task APrivateJobsReceiptProvesItsSealedOutput()
    {
        var cluster = shared.Cluster;
        var submitted = await cluster.SubmitPrivateAsync("receipt-echo", Repository.Program("echo"), "sealed for the requester"u8.ToArray());
        await cluster.WaitFinalAsync("receipt-echo");
        var result = await cluster.FetchResultAsync("receipt-echo");

        var receipt = JobReceipt.FromBytes(result.Receipt.Span);

        receipt.Verify(TestNetwork.Authority.PublicKey, submitted.Statement!.Statement, result.Output.Span);
        Assert.NotNull(receipt.OutputFingerprint);
        Assert.Equal("sealed for the requester"u8.ToArray(), result.Decrypt(cluster.Requester));
    }

    [Fact]
    public async Task ATrappedJobsReceiptProvesTheTrap()
    {
        var cluster = shared.Cluster;
        var submitted = await cluster.SubmitPublicAsync("receipt-trap", Repository.Program("trap"), [1]);
        await cluster.WaitFinalAsync("receipt-trap");
        var result = await cluster.FetchResultAsync("receipt-trap");

        var receipt = JobReceipt.FromBytes(result.Receipt.Span);

        receipt.Verify(TestNetwork.Authority.PublicKey, submitted.Statement!.Statement, []);
        Assert.Equal(ExecutionStatus.Trap, receipt.Status);
        Assert.Equal((uint)TrapCode.Unreachable, receipt.Code);
        Assert.Null(receipt.ProblemUnder(TestNetwork.Authority.PublicKey));
    }
}
