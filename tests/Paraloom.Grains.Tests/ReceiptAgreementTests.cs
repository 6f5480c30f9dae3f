using Paraloom.Grains.Tests.Support;
using Paraloom.Testing;

namespace Paraloom.Grains.Tests;

/// <summary>
/// Real jobs' receipts, made by a silo's validators (a public result, a private sealed result with its note, a trap), and
/// every single-field change of each: the C# verifier and the Node verifier (tools/receipt-verifier) give the same
/// verdict on every one, offline and against the output received. Changes are shown under the old signatures and, where
/// the test holds the key (the requester's statement, the authority's certificates), signed again.
/// </summary>
public sealed class ReceiptAgreementTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    [Fact]
    public async Task BothVerifiersAgreeOnAPublicJobsReceiptAndEveryChangeOfIt() =>
        await AgreeAsync("agree-sum", cluster => cluster.SubmitPublicAsync("agree-sum", Repository.Program("sum"), ProgramInputs.Numbers(4, 5)));

    [Fact]
    public async Task BothVerifiersAgreeOnAPrivateJobsReceiptAndEveryChangeOfIt() =>
        await AgreeAsync("agree-echo", cluster => cluster.SubmitPrivateAsync("agree-echo", Repository.Program("echo"), "sealed"u8.ToArray()));

    [Fact]
    public async Task BothVerifiersAgreeOnATrappedJobsReceiptAndEveryChangeOfIt() =>
        await AgreeAsync("agree-trap", cluster => cluster.SubmitPublicAsync("agree-trap", Repository.Program("trap"), [1]));

    private async Task AgreeAsync(string jobId, Func<ComputeCluster, Task> submit)
    {
        var cluster = shared.Cluster;
        await submit(cluster);
        await cluster.WaitFinalAsync(jobId);
        var result = await cluster.FetchResultAsync(jobId);
        var genuine = result.Receipt.ToArray();
        var cases = ReceiptAgreement.SingleFieldCases(genuine, cluster.Requester, TestNetwork.Authority);

        var (disagreements, offline) = ReceiptAgreement.Compare(cases, TestNetwork.Authority.PublicKey, result.Output.ToArray());

        Assert.True(offline["genuine"].Valid, offline["genuine"].Line);
        Assert.False(offline["changed-code"].Valid, offline["changed-code"].Line);
        Assert.Empty(disagreements);
    }
}
