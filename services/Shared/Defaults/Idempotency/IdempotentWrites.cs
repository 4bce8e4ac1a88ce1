using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;

namespace Platform.ServiceDefaults.Idempotency;

/// <summary>
/// Runs a write once per idempotency key, for a service whose model calls
/// <see cref="IdempotencyModel.AddIdempotencyRecords"/>. The work, its events and the record of
/// its answer commit in one transaction; a retry with the same key and request gets the stored
/// answer; the same key with a different request is refused. Two concurrent calls with one key
/// both run, but only one commits: the other loses on the key's primary key, rolls back, and
/// replays. A refused call stores nothing, so a corrected retry under the same key is evaluated afresh.
/// </summary>
public sealed class IdempotentWrites<TDb>(TDb db, TimeProvider time)
    where TDb : DbContext
{
    public const int MaxKeyLength = 100;

    public async Task<TResponse> RunAsync<TResponse>(
        string? key, string operation, IMessage request, Func<CancellationToken, Task<TResponse>> work,
        CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        var checkedKey = CheckKey(key);
        var hash = RequestFingerprint.Of(operation, request);
        var existing = await Find(checkedKey, cancellationToken);
        if (existing is not null)
        {
            return Replay<TResponse>(existing, operation, hash);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var response = await work(cancellationToken);
            db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
            {
                Key = checkedKey,
                Operation = operation,
                RequestHash = hash,
                Response = response.ToByteArray(),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
        catch (DomainException)
        {
            // A concurrent call with the same key may have committed while this one ran, and its
            // effect is why this one was refused: then the answer is that call's answer.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await Find(checkedKey, CancellationToken.None) is { } winner)
            {
                return Replay<TResponse>(winner, operation, hash);
            }

            throw;
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var winner = await Find(checkedKey, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return Replay<TResponse>(winner, operation, hash);
        }
    }

    public static string CheckKey(string? key, string field = "idempotency_key")
    {
        var trimmed = key?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw DomainException.Invalid("IDEMPOTENCY_KEY_REQUIRED",
                "Every write needs an idempotency key chosen by the caller (for example the form's or order's id), so a retry is not applied twice.",
                field);
        }

        if (trimmed.Length > MaxKeyLength || trimmed.Any(char.IsControl) || !Input.WellFormed(trimmed))
        {
            throw DomainException.Invalid("IDEMPOTENCY_KEY_INVALID",
                $"The idempotency key must be at most {MaxKeyLength} characters without control characters.",
                field);
        }

        return trimmed;
    }

    private Task<IdempotencyRecord?> Find(string key, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken);

    private static TResponse Replay<TResponse>(IdempotencyRecord record, string operation, byte[] hash)
        where TResponse : IMessage<TResponse>, new()
    {
        if (record.Operation != operation || !RequestFingerprint.Matches(record.RequestHash, hash))
        {
            throw DomainException.Precondition("IDEMPOTENCY_KEY_REUSED",
                $"The idempotency key '{record.Key}' was already used on {record.CreatedAt:yyyy-MM-dd HH:mm} UTC for a different request ({record.Operation}). Use a new key for a new request.",
                ("idempotency_key", record.Key));
        }

        var parser = new MessageParser<TResponse>(() => new TResponse());
        return parser.ParseFrom(record.Response);
    }
}
