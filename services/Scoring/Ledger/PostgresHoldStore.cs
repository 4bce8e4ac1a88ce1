namespace Platform.Scoring.Ledger;

/// <summary>
/// Holds and spends on PostgreSQL: the hot calls (hold, capture, release, spend) are one
/// statement each (<see cref="PostgresHolds"/>, grouped by GroupCommit); a spend's cancel, rare
/// and of several steps, is a small EF Core transaction (<see cref="EfHoldStore"/>), and so is
/// the look-up of a hold. Its INSERT of a fence and the spend statement's INSERT meet on the
/// holds' primary key, so a cancel and a spend of one id serialize.
/// </summary>
internal sealed class PostgresHoldStore(PostgresHolds holds, IServiceProvider services) : IHoldStore
{
    // Resolved when first used: a hot call needs no DbContext.
    private EfHoldStore ef => field ??= services.GetRequiredService<EfHoldStore>();

    public Task<HoldView> HoldAsync(
        string holdId, byte[] requestHash, string villageCode, string number, long points, TimeSpan ttl, string actor,
        CancellationToken cancellationToken) =>
        holds.HoldAsync(holdId, requestHash, villageCode, number, points, ttl, actor, cancellationToken);

    public Task<HoldView> CaptureAsync(string holdId, string actor, CancellationToken cancellationToken) =>
        holds.CaptureAsync(holdId, actor, cancellationToken);

    public Task<HoldView> ReleaseAsync(string holdId, CancellationToken cancellationToken) =>
        holds.ReleaseAsync(holdId, cancellationToken);

    public Task<HoldView> SpendAsync(
        string spendId, byte[] requestHash, string villageCode, string number, long points, string actor, CancellationToken cancellationToken) =>
        holds.SpendAsync(spendId, requestHash, villageCode, number, points, actor, cancellationToken);

    public Task<HoldView> CancelSpendAsync(
        string spendId, byte[] requestHash, string villageCode, string number, string actor, string reason, CancellationToken cancellationToken) =>
        ef.CancelSpendAsync(spendId, requestHash, villageCode, number, actor, reason, cancellationToken);

    public Task<HoldView> GetAsync(string holdId, CancellationToken cancellationToken) => ef.GetAsync(holdId, cancellationToken);
}
