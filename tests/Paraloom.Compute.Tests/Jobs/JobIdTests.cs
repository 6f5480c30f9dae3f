using System.Text.Json;

namespace Paraloom.Compute.Tests.Jobs;

public class JobIdTests
{
    [Fact]
    public void New_ids_are_distinct_and_parse_back()
    {
        var a = JobId.New();
        var b = JobId.New();
        Assert.NotEqual(a, b);
        Assert.Equal(a, JobId.Parse(a.ToString()));
        Assert.Equal(32, a.Value.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("job/1")]
    [InlineData("job:1")]
    [InlineData("é")]
    public void Invalid_ids_are_refused(string value)
    {
        Assert.False(JobId.TryParse(value, out _));
        var error = Assert.Throws<FormatException>(() => JobId.Parse(value));
        Assert.Contains("job id", error.Message);
    }

    [Fact]
    public void Length_is_bounded()
    {
        Assert.True(JobId.TryParse(new string('a', JobId.MaxLength), out _));
        Assert.False(JobId.TryParse(new string('a', JobId.MaxLength + 1), out _));
        Assert.False(JobId.TryParse(null, out _));
    }

    [Fact]
    public void Equality_is_ordinal_and_json_round_trips()
    {
        Assert.NotEqual(JobId.Parse("Job-1"), JobId.Parse("job-1"));
        var id = JobId.Parse("job_42");
        var json = JsonSerializer.Serialize(id);
        Assert.Equal("\"job_42\"", json);
        Assert.Equal(id, JsonSerializer.Deserialize<JobId>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<JobId>("\"bad id\""));
    }
}
