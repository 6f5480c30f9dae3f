using BenchmarkDotNet.Running;
using Paraloom.Benchmarks.Client;
using Paraloom.Benchmarks.Corpus;
using Paraloom.Benchmarks.FrontDoor;
using Paraloom.Benchmarks.Jobs;
using Paraloom.Benchmarks.Notes;
using Paraloom.Benchmarks.Privacy;

// `-- corpus [check|small|full] [REPS]` compares the wasm engine with V8 and native code;
// `-- ablation [check|small|full] [REPS]` prints each sandbox setting on and off in turn per corpus program, against native and V8;
// `-- per-job [iterations]` prints the per-execution overhead beside run(): the module cache hit and a whole tiny execution;
// `-- privacy-table [rounds]` prints the privacy operations, timed interleaved;
// `-- private-job-throughput [jobs] [concurrency] [validators] [capacity]` prints sustained job throughput and latency percentiles;
// `-- front-door [jobs] [requesters] [poll-ms]` drives a real silo over HTTP through the SDK, SQLite and PostgreSQL, and profiles the path;
// `-- front-door-history [N] [M] [requesters] [window]` compares a job's cost once N jobs are behind it and once M are;
// `-- grain-latency [calls]` prints grain-call latency with the execution scheduler idle and full;
// `-- sdk-wait [jobs]` prints how soon the SDK sees a private job through, per transport, events against polling;
// `-- cluster-scale-out CONNECTION [jobs] [in-flight] [max-silos]` prints jobs/s and per-silo efficiency on 1, 2, 3 silo processes;
// `-- note-tree [proofs]` prints the note tree's inclusion-proof time for 1k, 100k and 1M notes;
// any other arguments go to BenchmarkSwitcher (e.g. `-- --filter '*'` runs every benchmark class).
switch (args)
{
    case ["corpus", ..]:
        return CorpusBench.Run(args[1..]);
    case [AblationBench.Command, ..]:
        return AblationBench.Run(args[1..]);
    case [PerJobBench.Command, ..]:
        return PerJobBench.Run(args[1..]);
    case ["privacy-table", ..]:
        InterleavedComparison.Run(args.Length > 1 ? int.Parse(args[1]) : 15);
        return 0;
    case [PrivateJobThroughput.Command, ..]:
        await PrivateJobThroughput.RunAsync(args);
        return 0;
    case [FrontDoorBench.Command, ..]:
        await FrontDoorBench.RunAsync(args);
        return 0;
    case [HistoryBench.Command, ..]:
        await HistoryBench.RunAsync(args);
        return 0;
    case [GrainLatencyUnderLoad.Command, ..]:
        await GrainLatencyUnderLoad.RunAsync(args);
        return 0;
    case [SdkWaitLatency.Command, ..]:
        await SdkWaitLatency.RunAsync(args);
        return 0;
    case [ClusterScaleOut.Command, ..]:
        await ClusterScaleOut.RunAsync(args);
        return 0;
    case [NoteTreeBench.Command, ..]:
        NoteTreeBench.Run(args);
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(PrivateJobThroughput).Assembly).Run(args);
        return 0;
}
