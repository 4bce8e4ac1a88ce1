using Grpc.Core;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Ledger;

/// <summary>gRPC face of the year: the 十佳 ranking and a household's yearly statement.</summary>
internal sealed class YearService(YearFigures reports) : Api.YearReports.YearReportsBase
{
    public override Task<Api.YearRanking> GetYearRanking(Api.GetYearRankingRequest request, ServerCallContext context) =>
        reports.RankingAsync(request, context.CancellationToken);

    public override Task<Api.YearStatement> GetYearStatement(Api.GetYearStatementRequest request, ServerCallContext context) =>
        reports.StatementAsync(request, context.CancellationToken);
}
