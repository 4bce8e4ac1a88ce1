namespace Platform.ServiceDefaults.Audit;

/// <summary>One state-changing call, as the audit trail keeps it. Rows are only ever added.</summary>
public sealed class AuditRecord
{
    public const int MaxText = 200;
    public const int MaxKeyFields = 2000;
    public const int MaxOutcome = 40;

    public long Id { get; init; }

    public DateTime At { get; init; }

    public required string Actor { get; init; }

    public required string Roles { get; init; }

    public required string Method { get; init; }

    public required string KeyFields { get; init; }

    public required string RequestId { get; init; }

    public required string Outcome { get; init; }

    public string? Reason { get; init; }

    public string? VillageCode { get; init; }

    public string? Scope { get; init; }
}
