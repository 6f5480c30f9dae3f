using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class StorageProviderTests : IDisposable
{
    private static readonly GrainId Grain = new("sample", "key-1");
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Providers => new() { "memory", "file" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_missing_record_reads_as_a_fresh_value_with_no_ETag(string provider)
    {
        var storage = Create(provider);
        var state = new GrainState<Sample>(new Sample { Value = "junk" }) { ETag = "7", RecordExists = true };

        await storage.ReadStateAsync("s", Grain, state);

        Assert.Null(state.State.Value);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Writes_bump_the_ETag_and_a_stale_ETag_is_refused_without_storing_anything(string provider)
    {
        var storage = Create(provider);
        var first = new GrainState<Sample>(new Sample());
        var second = new GrainState<Sample>(new Sample());
        await storage.ReadStateAsync("s", Grain, first);
        await storage.ReadStateAsync("s", Grain, second);

        first.State.Value = "first";
        await storage.WriteStateAsync("s", Grain, first);
        second.State.Value = "second";
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, second));
        var reread = new GrainState<Sample>(new Sample());
        await storage.ReadStateAsync("s", Grain, reread);

        Assert.Equal("1", first.ETag);
        Assert.Equal(("1", (string?)null), (conflict.StoredEtag, conflict.CurrentEtag));
        Assert.Equal("first", reread.State.Value);
        Assert.True(reread.RecordExists);
        Assert.Equal("1", reread.ETag);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_clear_with_a_stale_ETag_is_refused_and_a_writer_from_before_a_clear_stays_refused(string provider)
    {
        var storage = Create(provider);
        var writer = new GrainState<Sample>(new Sample { Value = "v" });
        await storage.WriteStateAsync("s", Grain, writer);
        var stale = new GrainState<Sample>(new Sample());
        await storage.ReadStateAsync("s", Grain, stale);
        await storage.WriteStateAsync("s", Grain, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("s", Grain, stale));
        await storage.ClearStateAsync("s", Grain, writer);
        var beforeAnything = new GrainState<Sample>(new Sample());

        Assert.Null(writer.State.Value);
        Assert.False(writer.RecordExists);
        Assert.Equal("3", writer.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, beforeAnything));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task State_names_and_grain_types_are_separate_records(string provider)
    {
        var storage = Create(provider);
        await storage.WriteStateAsync("a", Grain, new GrainState<Sample>(new Sample { Value = "a" }));
        await storage.WriteStateAsync("b", Grain, new GrainState<Sample>(new Sample { Value = "b" }));
        await storage.WriteStateAsync("a", new GrainId("other", Grain.Key), new GrainState<Sample>(new Sample { Value = "other" }));

        var a = new GrainState<Sample>(new Sample());
        var b = new GrainState<Sample>(new Sample());
        await storage.ReadStateAsync("a", Grain, a);
        await storage.ReadStateAsync("b", Grain, b);

        Assert.Equal(("a", "b"), (a.State.Value, b.State.Value));
    }

    [Fact]
    public async Task File_state_of_another_grain_is_detected()
    {
        var storage = new FileGrainStorage(_directory.Path);
        await storage.WriteStateAsync("s", Grain, new GrainState<Sample>(new Sample { Value = "mine" }));
        var file = Assert.Single(Directory.GetFiles(_directory.Path, "*.json", SearchOption.AllDirectories));
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("key-1", "key-2", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<GrainStorageException>(
            () => storage.ReadStateAsync("s", Grain, new GrainState<Sample>(new Sample())));

        Assert.Contains("another grain", error.Message);
    }

    [Fact]
    public async Task File_state_that_does_not_fit_the_type_is_reported_without_its_content()
    {
        var storage = new FileGrainStorage(_directory.Path);
        await storage.WriteStateAsync("s", Grain, new GrainState<string>("secret-value"));

        var error = await Assert.ThrowsAsync<GrainStorageException>(
            () => storage.ReadStateAsync("s", Grain, new GrainState<Sample>(new Sample())));

        Assert.Contains("does not deserialize as Sample", error.Message);
        Assert.DoesNotContain("secret-value", error.ToString());
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_crash_is_ignored()
    {
        var storage = new FileGrainStorage(_directory.Path);
        await storage.WriteStateAsync("s", Grain, new GrainState<Sample>(new Sample { Value = "kept" }));
        var file = Assert.Single(Directory.GetFiles(_directory.Path, "*.json", SearchOption.AllDirectories));
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.0123.tmp"), "{\"torn");

        var state = new GrainState<Sample>(new Sample());
        await storage.ReadStateAsync("s", Grain, state);

        Assert.Equal("kept", state.State.Value);
        Assert.Single(Directory.GetFiles(_directory.Path, "*.json", SearchOption.AllDirectories));
    }

    private IGrainStorage Create(string provider) =>
        provider == "memory" ? new MemoryGrainStorage() : new FileGrainStorage(_directory.Path);

    public sealed class Sample
    {
        public string? Value { get; set; }
    }
}
