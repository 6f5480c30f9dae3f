namespace Paraloom.Cli.Tests.Support;

/// <summary>What every mistake and failure must look like: one line on standard error, no stack trace.</summary>
internal static class OneLine
{
    public static void AssertError((int Exit, string Output, string Error) run, int exit, string prefix, params string[] mentioned)
    {
        Assert.True(exit == run.Exit, $"exit {run.Exit}, expected {exit}: {run.Error}");
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith(prefix, run.Error);
        foreach (var text in mentioned)
        {
            Assert.Contains(text, run.Error);
        }
        Assert.DoesNotContain("   at ", run.Error + run.Output);
        Assert.DoesNotContain("Exception", run.Error);
    }
}
