using Grpc.Core;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Audit;
using Api = Platform.Contracts.Redemption.V1;
using Audit = Platform.Contracts.Audit.V1;

namespace Platform.Redemption.Security;

/// <summary>gRPC face of Redemption's audit trail, for auditors and the county office.</summary>
internal sealed class AuditTrailService(RedemptionDb db) : Api.AuditTrail.AuditTrailBase
{
    public override Task<Audit.ListAuditRecordsResponse> ListAuditRecords(Audit.ListAuditRecordsRequest request, ServerCallContext context) =>
        AuditTrailQuery.ListAsync(db.AuditRecords, request, context.CancellationToken);
}
