using Platform.ServiceDefaults.Security;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Testing;

/// <summary>
/// Approves a distribution the only way there is: a rostered board member and a rostered
/// supervisory-board member each sign with a cooperative_board token of their own. Puts both on
/// the cooperative's roster first (keyed, so calling again for the same cooperative is harmless).
/// </summary>
public static class BoardSignatures
{
    public const string BoardSubject = "board.wang";
    public const string SupervisorySubject = "supervisor.li";

    public static async Task<Api.Distribution> ApproveAsync(RunningApp app, string cooperative, long distributionId)
    {
        await RosterAsync(app, cooperative);
        await SignAsync(app, cooperative, distributionId, BoardSubject);
        return await SignAsync(app, cooperative, distributionId, SupervisorySubject);
    }

    /// <summary>王建国 on the board (its chair) and 李秀英 on the supervisory board, from 2000 on.</summary>
    public static async Task RosterAsync(RunningApp app, string cooperative)
    {
        var board = new Api.Board.BoardClient(app.Channel);
        await board.AddBoardMemberAsync(new Api.AddBoardMemberRequest
        {
            IdempotencyKey = $"roster-{cooperative}-board", CooperativeCode = cooperative, Body = Api.BoardBody.Board, Name = "王建国",
            Chair = true, Subject = BoardSubject, TermFrom = "2000-01-01",
        });
        await board.AddBoardMemberAsync(new Api.AddBoardMemberRequest
        {
            IdempotencyKey = $"roster-{cooperative}-supervisory", CooperativeCode = cooperative, Body = Api.BoardBody.Supervisory, Name = "李秀英",
            Chair = true, Subject = SupervisorySubject, TermFrom = "2000-01-01",
        });
    }

    public static async Task<Api.Distribution> SignAsync(RunningApp app, string cooperative, long distributionId, string subject,
        Api.BoardBody body = Api.BoardBody.Unspecified, string? key = null)
    {
        using var channel = app.ChannelWithToken(Token(subject, cooperative));
        return await new Api.Board.BoardClient(channel).SignApprovalAsync(new Api.SignApprovalRequest
        {
            IdempotencyKey = key ?? $"sign-{distributionId}-{subject}-{body}", DistributionId = distributionId, Signer = subject, Body = body,
        });
    }

    public static string Token(string subject, string cooperative) =>
        TestTokens.Mint(Role.CooperativeBoard, subject: subject, cooperatives: [cooperative]);
}
