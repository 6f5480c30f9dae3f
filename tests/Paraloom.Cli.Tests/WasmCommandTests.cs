using System.CommandLine;
using Paraloom.Cli.Commands;

namespace Paraloom.Cli.Tests;

public sealed class WasmCommandTests : IDisposable
{
    // (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    // (func (export "spin") loop br 0 end)
    private static readonly byte[] Module =
    [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x0A, 0x02, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F, 0x60, 0x00, 0x00,
        0x03, 0x03, 0x02, 0x00, 0x01,
        0x07, 0x0E, 0x02, 0x03, (byte)'a', (byte)'d', (byte)'d', 0x00, 0x00, 0x04, (byte)'s', (byte)'p', (byte)'i', (byte)'n', 0x00, 0x01,
        0x0A, 0x11, 0x02, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B, 0x07, 0x00, 0x03, 0x40, 0x0C, 0x00, 0x0B, 0x0B,
    ];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("paraloom-cli-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand { WasmCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_with_an_input_runs_the_job_program_as_a_validator_does_and_writes_its_output_alone()
    {
        var output = Path.Combine(_directory.FullName, "sum.out");
        var (exit, printed, error) = Invoke("wasm", "run", Repository.ProgramPath("sum"), "--input", WriteFile("numbers.bin", ProgramInputs.Numbers(20, 22, 7)), "--out", output);

        Assert.True(exit == 0, error);
        Assert.Equal(49UL, BitConverter.ToUInt64(File.ReadAllBytes(output)));
        Assert.Equal("", printed);
        Assert.Matches(@"^fuel consumed: [1-9]\d*$", error.TrimEnd());
    }

    [Fact]
    public void Run_without_anything_to_run_says_so_instead_of_reporting_no_fuel()
    {
        var (exit, output, error) = Invoke("wasm", "run", WriteFile("add.wasm", Module));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: nothing to run: pass --input FILE", error);
    }

    [Fact]
    public void Run_invokes_an_export_and_prints_results_and_fuel()
    {
        var (exit, output, error) = Invoke("wasm", "run", WriteFile("add.wasm", Module), "--invoke", "add", "40", "2");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        // Wasmtime's fuel: one unit per operator (local.get, local.get, i32.add, end).
        Assert.Equal(["42", "fuel consumed: 4"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Run_gives_the_same_results_and_fuel_every_time()
    {
        var runs = Enumerable.Range(0, 2).Select(_ => Invoke("wasm", "run", WriteFile("add.wasm", Module), "--invoke", "add", "40", "2")).ToList();
        Assert.All(runs, run => Assert.Equal(0, run.Exit));
        Assert.Equal(runs[0].Output, runs[1].Output);
    }

    [Fact]
    public void Run_refuses_a_module_the_admission_gate_refuses()
    {
        // Two functions in the function section but no code section: the decoder's error, before any engine sees it.
        var (exit, _, error) = Invoke("wasm", "run", WriteFile("bad.wasm", Module[..25]), "--invoke", "add", "1", "2");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: malformed module", error);
    }

    [Fact]
    public void Run_reports_a_trap_on_one_line_and_fails()
    {
        var (exit, output, error) = Invoke("wasm", "run", WriteFile("spin.wasm", Module), "--invoke", "spin", "--fuel", "1000");
        Assert.Equal(1, exit);
        Assert.Equal("error: wasm trap (OutOfFuel)", error.Trim());
        Assert.Contains("fuel consumed: 1000", output);
    }

    [Fact]
    public void Run_stops_at_the_timeout()
    {
        var (exit, _, error) = Invoke("wasm", "run", WriteFile("spin.wasm", Module), "--invoke", "spin", "--timeout", "0.2");
        Assert.Equal(1, exit);
        Assert.Contains("wall-clock limit", error);
    }

    [Theory]
    [InlineData("missing.wasm")]
    [InlineData("garbage.wasm")]
    public void Bad_files_give_one_error_line_and_no_stack_trace(string name)
    {
        var path = Path.Combine(_directory.FullName, name);
        if (name == "garbage.wasm") File.WriteAllText(path, "not wasm at all");
        var (exit, _, error) = Invoke("wasm", "run", path, "--invoke", "add");
        Assert.NotEqual(0, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain(" at ", error);
    }

    [Fact]
    public void Wast_runs_a_script_and_prints_counts()
    {
        var script = Path.Combine(_directory.FullName, "small.wast");
        File.WriteAllText(script, """
            (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
            (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
            (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
            (assert_trap (module (func $f unreachable) (start $f)) "unreachable")
            """);
        var (exit, output, _) = Invoke("wasm", "wast", script);
        Assert.Equal(1, exit);
        Assert.Contains("small.wast: 3 passed, 1 failed", output);
        Assert.Equal("3 passed, 1 failed", output.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void Wast_reports_a_missing_file_on_one_line()
    {
        var (exit, _, error) = Invoke("wasm", "wast", Path.Combine(_directory.FullName, "nope.wast"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error);
    }
}
