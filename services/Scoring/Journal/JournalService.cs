using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Journal;

/// <summary>gRPC face of the journal: sealing and verification.</summary>
internal sealed class JournalService(ScoringDb db, JournalSealer sealer, JournalVerifier verifier) : Api.Journal.JournalBase
{
    public override async Task<Api.SealJournalResponse> SealJournal(Api.SealJournalRequest request, ServerCallContext context)
    {
        var village = await VillageAsync(request.VillageCode, context.CancellationToken);
        var (count, head) = await sealer.SealAsync(village, context.CancellationToken);
        return new Api.SealJournalResponse { VillageCode = village, Sealed = count, ChainLength = head.LastSeq, HeadHash = head.LastHash };
    }

    public override async Task<Api.JournalVerification> VerifyJournal(Api.VerifyJournalRequest request, ServerCallContext context)
    {
        var village = await VillageAsync(request.VillageCode, context.CancellationToken);
        return await verifier.VerifyAsync(village, context.CancellationToken);
    }

    private async Task<string> VillageAsync(string? code, CancellationToken ct)
    {
        var village = Input.Code(code, "village_code", "village code");
        return await db.Villages.AnyAsync(v => v.Code == village, ct)
            ? village
            : throw DomainException.NotFound("VILLAGE_NOT_FOUND", $"No village with code {village} is registered.",
                ("village_code", village));
    }
}
