using Paraloom.Compute;
using Paraloom.Grains;

namespace Paraloom.Silo;

/// <summary>
/// The silo's settings, bound from the <c>Paraloom</c> configuration section (appsettings.json, then
/// <c>Paraloom__Name</c> or <c>PARALOOM_NAME</c> environment variables, then the command line).
/// </summary>
public sealed class SiloOptions
{
    public const string SectionName = "Paraloom";

    /// <summary>
    /// Unless <see cref="PostgreSqlConnectionString"/> is set, the embedded store: one SQLite file
    /// (<see cref="SqliteFileName"/>) holding grain state and reminders; also the default parent of
    /// <see cref="KeyDirectory"/>. Empty with no PostgreSQL: in memory, lost when the process exits.
    /// </summary>
    public string? StorageDirectory { get; set; }

    /// <summary>
    /// Where this silo's validator keys live (owner-only files), apart from grain state: never in the database. Point
    /// it at a mounted secret in Kubernetes. Default: <c>keys</c> under <see cref="StorageDirectory"/>; with neither,
    /// keys are generated for the process only.
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>PostgreSQL for grain state and reminders (production); empty: the embedded SQLite file.</summary>
    public string? PostgreSqlConnectionString { get; set; }

    /// <summary>Orleans' service id: fixed, since stored state and reminders are keyed by it (default "paraloom").</summary>
    public string ServiceId { get; set; } = "paraloom";

    /// <summary>Orleans' cluster id: the silos that form one cluster (default "paraloom").</summary>
    public string ClusterId { get; set; } = "paraloom";

    /// <summary>
    /// How this silo finds the others: <see cref="ClusteringKind.PostgreSql"/> (a cluster sharing the PostgreSQL
    /// database) by default when <see cref="PostgreSqlConnectionString"/> is set, else <see cref="ClusteringKind.Localhost"/>.
    /// </summary>
    public ClusteringKind? Clustering { get; set; }

    /// <summary>
    /// The IP address other silos and clients reach this silo at, with <see cref="ClusteringKind.PostgreSql"/>
    /// (default 127.0.0.1: silos on one machine).
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Mutual TLS on the Orleans ports with the cluster authority's certificates; unset: plain TCP.</summary>
    public TlsSettings Tls { get; set; } = new();

    /// <summary>How fast the cluster notices a silo that is gone.</summary>
    public MembershipSettings Membership { get; set; } = new();

    /// <summary>The clustering in effect: <see cref="Clustering"/>, or the default for the store.</summary>
    public ClusteringKind EffectiveClustering =>
        Clustering ?? (string.IsNullOrWhiteSpace(PostgreSqlConnectionString) ? ClusteringKind.Localhost : ClusteringKind.PostgreSql);

    /// <summary>
    /// Runs under Kubernetes (default false): Orleans' Kubernetes hosting names the silo after its pod, advertises the pod IP,
    /// listens on every interface and marks silos dead whose pods are gone. Needs POD_NAME, POD_NAMESPACE and POD_IP from the
    /// downward API and a role that may get, list, watch, patch and delete pods (deploy/k8s/base).
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>The port silos talk to each other on (default 11111; 0: any free port).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients connect to (default 30000; 0: any free port).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The embedded store's file name inside <see cref="StorageDirectory"/>.</summary>
    public const string SqliteFileName = "paraloom.db";

    /// <summary>This silo's id in the scoring view.</summary>
    public string SiloId { get; set; } = "local";

    /// <summary>How many validators this silo hosts (default 3).</summary>
    public int Validators { get; set; } = 3;

    /// <summary>Executions one validator takes at once (default 4).</summary>
    public int ValidatorCapacity { get; set; } = 4;

    /// <summary>
    /// The dedicated threads this silo's validators share to run WebAssembly (default 4; about one per core).
    /// Work beyond them queues: the queue holds every execution the validators' capacity lets the registry assign.
    /// </summary>
    public int ExecutionThreads { get; set; } = 4;

    /// <summary>
    /// The largest request body Kestrel accepts (default 100 MiB). A submission is held to less when the caps allow
    /// less: its module and input at their caps, base64-encoded, and its other fields (about 87 MiB by default).
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Submissions one client (remote address) may have in progress at once (default 4): each can hold a body of up to
    /// <see cref="MaxRequestBodyBytes"/> in memory while it is checked.
    /// </summary>
    public int ConcurrentSubmissionsPerClient { get; set; } = 4;

    /// <summary>Further submissions of one client that wait for a turn before they are refused with 429 (default 32).</summary>
    public int QueuedSubmissionsPerClient { get; set; } = 32;

    /// <summary>
    /// Job event streams and long polls one client (remote address) may hold open at once (default 64); past them, and
    /// past <see cref="JobWatches"/>, a watch is refused with 429.
    /// </summary>
    public int JobWatchesPerClient { get; set; } = 64;

    /// <summary>Job event streams and long polls this silo holds open at once, all clients together (default 4096).</summary>
    public int JobWatches { get; set; } = 4096;

    /// <summary>
    /// The same limits for each Orleans gateway client (its client id: Orleans does not tell which address a call came
    /// from), counted by each silo on the calls its job grains serve: submissions in progress and waiting, job watches per
    /// client and in all (section <c>Paraloom:GatewayLimits</c>; defaults as above).
    /// </summary>
    public GatewayClientLimits GatewayLimits { get; set; } = new();

    /// <summary>The longest a long poll (<c>GET /v1/jobs/{id}?after=V&amp;wait=S</c>) waits: a larger S is cut to it (default 60 s).</summary>
    public TimeSpan MaxLongPollWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The network this silo belongs to: its authority's public key.</summary>
    public NetworkSettings Network { get; set; } = new();

    /// <summary>
    /// What one requester key may hold at once across the cluster, over HTTP and the Orleans gateway alike: jobs in
    /// progress, jobs queued for a cohort, open watches and stored bytes; past them a submission or watch is refused with 429.
    /// </summary>
    public RequesterLimits RequesterLimits { get; set; } = new();

    /// <summary>The network caps: no job may ask for more.</summary>
    public CapsSettings Caps { get; set; } = new();

    /// <summary>What compute and storage cost in credits, and what an open network gives newcomers (default: none).</summary>
    public FeeSettings Fees { get; set; } = new();

    /// <summary>How long a private job waits for its requester to hand out the job key (default 2 min).</summary>
    public TimeSpan KeyHandOutTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a final job, its result and its votes are kept before they are removed (default 7 days).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a validator below the reputation gate must go without a fault to regain 10 reputation, up to the gate
    /// (default 1 h).
    /// </summary>
    public TimeSpan ReputationRecoveryPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each job re-checks its deadlines (default 5 s).</summary>
    public TimeSpan DeadlineCheckPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(Validators >= 1, $"{SectionName}:Validators must be at least 1 (it is {Validators}).");
        Require(ValidatorCapacity >= 1, $"{SectionName}:ValidatorCapacity must be at least 1 (it is {ValidatorCapacity}).");
        Require(ExecutionThreads >= 1, $"{SectionName}:ExecutionThreads must be at least 1 (it is {ExecutionThreads}).");
        Require(MaxRequestBodyBytes > 0, $"{SectionName}:MaxRequestBodyBytes must be positive (it is {MaxRequestBodyBytes}).");
        Require(ConcurrentSubmissionsPerClient >= 1,
            $"{SectionName}:ConcurrentSubmissionsPerClient must be at least 1 (it is {ConcurrentSubmissionsPerClient}).");
        Require(QueuedSubmissionsPerClient >= 0,
            $"{SectionName}:QueuedSubmissionsPerClient must not be negative (it is {QueuedSubmissionsPerClient}).");
        Require(JobWatchesPerClient >= 1, $"{SectionName}:JobWatchesPerClient must be at least 1 (it is {JobWatchesPerClient}).");
        Require(JobWatches >= 1, $"{SectionName}:JobWatches must be at least 1 (it is {JobWatches}).");
        Require(GatewayLimits is { IsValid: true },
            $"{SectionName}:GatewayLimits needs ConcurrentSubmissionsPerClient, JobWatchesPerClient and JobWatches of at least 1 "
            + "and QueuedSubmissionsPerClient of 0 or more.");
        Require(MaxLongPollWait > TimeSpan.Zero, $"{SectionName}:MaxLongPollWait must be positive.");
        Require(!string.IsNullOrWhiteSpace(SiloId), $"{SectionName}:SiloId must not be empty.");
        Require(KeyHandOutTimeout > TimeSpan.Zero, $"{SectionName}:KeyHandOutTimeout must be positive.");
        Require(Retention > TimeSpan.Zero, $"{SectionName}:Retention must be positive.");
        Require(DeadlineCheckPeriod > TimeSpan.Zero, $"{SectionName}:DeadlineCheckPeriod must be positive.");
        Require(ReputationRecoveryPeriod > TimeSpan.Zero, $"{SectionName}:ReputationRecoveryPeriod must be positive.");
        Require(RequesterLimits is { IsValid: true },
            $"{SectionName}:RequesterLimits needs Jobs, Watches and StoredBytes of at least 1 and QueuedJobs of 0 or more.");
        Require(!string.IsNullOrWhiteSpace(ServiceId), $"{SectionName}:ServiceId must not be empty.");
        Require(!string.IsNullOrWhiteSpace(ClusterId), $"{SectionName}:ClusterId must not be empty.");
        Require(SiloPort is >= 0 and <= 65535, $"{SectionName}:SiloPort must be between 0 and 65535 (it is {SiloPort}).");
        Require(GatewayPort is >= 0 and <= 65535, $"{SectionName}:GatewayPort must be between 0 and 65535 (it is {GatewayPort}).");
        Require(EffectiveClustering != ClusteringKind.PostgreSql || !string.IsNullOrWhiteSpace(PostgreSqlConnectionString),
            $"{SectionName}:Clustering is PostgreSql, which needs {SectionName}:PostgreSqlConnectionString.");
        Require(System.Net.IPAddress.TryParse(AdvertisedAddress, out _),
            $"{SectionName}:AdvertisedAddress must be an IP address (it is '{AdvertisedAddress}').");
        Membership.Validate($"{SectionName}:Membership");
        try
        {
            _ = Store();
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidOperationException($"{SectionName}:PostgreSqlConnectionString does not parse: {invalid.Message}");
        }
        Caps.ToNetworkCaps();
        Fees.ToFeeOptions($"{SectionName}:Fees");
        Network.Authority($"{SectionName}:Network");
    }

    /// <summary>The store these settings name: PostgreSQL, the SQLite file under the storage directory, or none (memory).</summary>
    public ParaloomStore? Store() =>
        !string.IsNullOrWhiteSpace(PostgreSqlConnectionString) ? ParaloomStore.PostgreSql(PostgreSqlConnectionString)
        : !string.IsNullOrWhiteSpace(StorageDirectory) ? ParaloomStore.Sqlite(Path.Combine(StorageDirectory, SqliteFileName))
        : null;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
