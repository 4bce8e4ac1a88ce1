using Grpc.Core;
using Platform.Dividends.Data;
using Platform.ServiceDefaults.Audit;
using Api = Platform.Contracts.Dividends.V1;
using Audit = Platform.Contracts.Audit.V1;

namespace Platform.Dividends.Security;

/// <summary>gRPC face of Dividends's audit trail, for auditors and the county office.</summary>
internal sealed class AuditTrailService(DividendsDb db) : Api.AuditTrail.AuditTrailBase
{
    public override Task<Audit.ListAuditRecordsResponse> ListAuditRecords(Audit.ListAuditRecordsRequest request, ServerCallContext context) =>
        AuditTrailQuery.ListAsync(db.AuditRecords, request, context.CancellationToken);
}
