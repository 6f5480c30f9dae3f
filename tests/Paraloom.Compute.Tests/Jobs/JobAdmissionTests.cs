using Paraloom.Compute.Tests.Support;
using Paraloom.Compute.Execution;

namespace Paraloom.Compute.Tests.Jobs;

public class JobAdmissionTests
{
    private readonly JobAdmission _admission = new(new SandboxEngine());

    [Fact]
    public void A_valid_public_job_is_admitted()
    {
        _admission.EnsureAdmissible(JobSpec.Public(JobId.New(), Modules.Echo, [1, 2]));
    }

    [Fact]
    public void A_valid_private_job_is_admitted()
    {
        using var fixture = new PrivateJobFixture(Modules.Echo, [1, 2, 3]);
        _admission.EnsureAdmissible(fixture.Job);
        Assert.True(fixture.Job.IsPrivate);
        Assert.Equal(fixture.Envelope.SealedInput.Length, fixture.Job.InputLength);
        Assert.True(fixture.Job.Input.IsEmpty);
    }

    [Fact]
    public void A_proof_for_another_job_is_rejected()
    {
        using var fixture = new PrivateJobFixture(Modules.Echo, [1, 2, 3]);
        var moved = JobSpec.Private(JobId.New(), Modules.Echo, fixture.Envelope);
        var error = Assert.Throws<JobRejectedException>(() => _admission.EnsureAdmissible(moved));
        Assert.Equal(AdmissionFailure.InvalidOwnershipProof, error.Failure);
        Assert.Contains("ownership proof", error.Message);

        var otherModule = JobSpec.Private(fixture.Id, Modules.ByteSum, fixture.Envelope);
        Assert.Throws<JobRejectedException>(() => _admission.EnsureAdmissible(otherModule));
    }

    [Fact]
    public void A_module_above_the_job_module_size_is_refused_before_any_compilation()
    {
        // A valid module padded with a custom section to one byte over the limit.
        var padding = SandboxEngine.JobModuleLimits.MaxModuleBytes + 1 - Modules.Echo.Length - 6;
        var name = "pad"u8.ToArray();
        var payloadLength = name.Length + 1 + padding;
        var section = new List<byte> { 0 };
        for (var v = (uint)payloadLength; ; v >>= 7)
        {
            section.Add((byte)(v < 0x80 ? v : (v & 0x7F) | 0x80));
            if (v < 0x80) break;
        }
        section.Add((byte)name.Length);
        section.AddRange(name);
        section.AddRange(new byte[payloadLength - name.Length - 1]);
        var module = Modules.Echo.Concat(section).ToArray();
        Assert.True(module.Length > SandboxEngine.JobModuleLimits.MaxModuleBytes);

        // A network whose cap is above the gate's limit still gets the gate's refusal.
        var generous = new JobAdmission(new SandboxEngine(), new NetworkCaps { MaxModuleBytes = 8 * module.Length });
        var error = Assert.Throws<JobRejectedException>(() => generous.EnsureAdmissible(JobSpec.Public(JobId.New(), module, [1])));
        Assert.Equal(AdmissionFailure.InvalidModule, error.Failure);
        Assert.Contains("too large", error.Message);
    }

    [Fact]
    public void Modules_that_are_invalid_or_break_the_abi_are_rejected()
    {
        var invalid = Assert.Throws<JobRejectedException>(
            () => _admission.EnsureAdmissible(JobSpec.Public(JobId.New(), [0, 97, 115, 109, 1, 0, 0, 0, 99], [])));
        Assert.Equal(AdmissionFailure.InvalidModule, invalid.Failure);
        Assert.Contains("not valid WebAssembly", invalid.Message);

        var imports = Assert.Throws<JobRejectedException>(
            () => _admission.EnsureAdmissible(JobSpec.Public(JobId.New(), Modules.WithImport, [])));
        Assert.Equal(AdmissionFailure.HasImports, imports.Failure);
        Assert.Contains("imports", imports.Message);

        var missing = Assert.Throws<JobRejectedException>(
            () => _admission.EnsureAdmissible(JobSpec.Public(JobId.New(), Modules.WithoutRun, [])));
        Assert.Equal(AdmissionFailure.NotComputeAbi, missing.Failure);
        Assert.Contains("'run'", missing.Message);
    }

    [Fact]
    public void Jobs_above_the_network_caps_are_rejected()
    {
        var admission = new JobAdmission(new SandboxEngine(), new NetworkCaps { MaxModuleBytes = 16 });
        var error = Assert.Throws<JobRejectedException>(
            () => admission.EnsureAdmissible(JobSpec.Public(JobId.New(), Modules.Echo, [])));
        Assert.Equal(AdmissionFailure.AboveCap, error.Failure);
        Assert.Contains("module size", error.Message);
    }
}
