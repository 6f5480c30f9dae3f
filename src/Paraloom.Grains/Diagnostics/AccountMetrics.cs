using System.Diagnostics.Metrics;

namespace Paraloom.Grains;

/// <summary>
/// What accounts publish, on the compute meter: credits held, charged and earned by public jobs only (a private job's
/// hold follows from its private input's length, its charge and each share of it from the fuel that input made it use),
/// granted, and submissions refused for insufficient credits. Account keys never become tags; the only
/// tag is a validator id. The counters start at 0 (earnings for each of this silo's validators).
/// </summary>
internal sealed class AccountMetrics
{
    private readonly Counter<long> _held;
    private readonly Counter<long> _charged;
    private readonly Counter<long> _granted;
    private readonly Counter<long> _earned;
    private readonly Counter<long> _refusals;

    public AccountMetrics(IMeterFactory meterFactory, IValidatorKeyRing keyRing)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(keyRing);
        var meter = meterFactory.Create(ComputeTelemetry.MeterName);
        _held = meter.CreateCounter<long>("paraloom.accounts.credits.held", "{credit}", "Credits public submissions set aside: the most each job may cost.");
        _charged = meter.CreateCounter<long>("paraloom.accounts.credits.charged", "{credit}", "Credits public jobs were charged when they ended.");
        _granted = meter.CreateCounter<long>("paraloom.accounts.credits.granted", "{credit}", "Credits granted by the network authority or to newcomers.");
        _earned = meter.CreateCounter<long>("paraloom.accounts.earnings", "{credit}", "Credits validators earned from public jobs, by validator.");
        _refusals = meter.CreateCounter<long>("paraloom.accounts.insufficient_credits", "{submission}",
            "Submissions refused because the requester's account could not cover their hold.");
        _held.Add(0);
        _charged.Add(0);
        _granted.Add(0);
        _refusals.Add(0);
        foreach (var validatorId in keyRing.ValidatorIds)
        {
            _earned.Add(0, new KeyValuePair<string, object?>("validator.id", validatorId));
        }
    }

    public void Held(long credits, bool isPublic)
    {
        if (isPublic)
        {
            _held.Add(credits);
        }
    }

    public void Charged(long credits, bool isPublic)
    {
        if (isPublic)
        {
            _charged.Add(credits);
        }
    }

    public void Granted(long credits) => _granted.Add(credits);

    public void Earned(string validatorId, long credits) => _earned.Add(credits, new KeyValuePair<string, object?>("validator.id", validatorId));

    public void InsufficientCredits() => _refusals.Add(1);
}
