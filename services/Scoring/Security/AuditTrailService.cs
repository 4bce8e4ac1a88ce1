using Grpc.Core;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Audit;
using Api = Platform.Contracts.Scoring.V1;
using Audit = Platform.Contracts.Audit.V1;

namespace Platform.Scoring.Security;

/// <summary>gRPC face of Scoring's audit trail, for auditors and the county office.</summary>
internal sealed class AuditTrailService(ScoringDb db) : Api.AuditTrail.AuditTrailBase
{
    public override Task<Audit.ListAuditRecordsResponse> ListAuditRecords(Audit.ListAuditRecordsRequest request, ServerCallContext context) =>
        AuditTrailQuery.ListAsync(db.AuditRecords, request, context.CancellationToken);
}
