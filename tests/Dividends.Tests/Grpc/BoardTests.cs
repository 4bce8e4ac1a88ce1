using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.Dividends.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>The roster, and a distribution approved only by rostered people signing in themselves.</summary>
public sealed class BoardTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));
    private DividendsApp app = null!;
    private string code = null!;
    private long draftId;

    public async Task InitializeAsync()
    {
        app = await DividendsApp.StartAsync(clock);
        (code, _) = await WorkedExample.SetUpAsync(app.Cooperatives, app.Members, app.Distributions);
        draftId = (await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code))).DistributionId;
        await BoardSignatures.RosterAsync(app.Host, code);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<BoardMember> RosterAsync(string subject, BoardBody body, string name, string from, string to = "", string? key = null) =>
        app.Board.AddBoardMemberAsync(new AddBoardMemberRequest
        {
            IdempotencyKey = key ?? $"roster-{subject}-{body}", CooperativeCode = code, Body = body, Name = name, Subject = subject, TermFrom = from, TermTo = to,
        }).ResponseAsync;

    private Task<Distribution> Sign(string subject, BoardBody body = BoardBody.Unspecified) =>
        BoardSignatures.SignAsync(app.Host, code, draftId, subject, body);

    private async Task<Distribution> ReadAsync() => await app.Distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = draftId });

    [Fact]
    public async Task A_distribution_is_approved_once_a_board_member_and_a_supervisory_member_have_signed()
    {
        var roster = (await app.Board.GetBoardAsync(new GetBoardRequest { CooperativeCode = code })).Members;

        var half = await Sign(BoardSignatures.BoardSubject);
        var whole = await Sign(BoardSignatures.SupervisorySubject);

        Assert.Equal(DistributionStatus.Draft, half.Status);
        Assert.Equal(("王建国", string.Empty), (half.BoardApprover, half.SupervisoryApprover));
        Assert.Equal(DistributionStatus.Approved, whole.Status);
        Assert.Equal(roster.Single(m => m.Body == BoardBody.Board).RosterId, whole.BoardSignerRosterId);
        Assert.Equal(roster.Single(m => m.Body == BoardBody.Supervisory).RosterId, whole.SupervisorySignerRosterId);
        Assert.Equal(("王建国", "李秀英"), (whole.BoardApprover, whole.SupervisoryApprover));
        Assert.Equal(clock.GetUtcNow(), whole.SupervisorySignedAt.ToDateTimeOffset());
        Assert.Equal(whole, await ReadAsync());
        // The board member reads it with his own token.
        using var own = app.Host.ChannelWithToken(BoardSignatures.Token(BoardSignatures.BoardSubject, code));
        Assert.Equal(whole, await new Platform.Contracts.Dividends.V1.Distributions.DistributionsClient(own).GetDistributionAsync(new GetDistributionRequest { DistributionId = draftId }));
    }

    [Fact]
    public async Task A_caller_not_on_the_roster_is_refused_and_nothing_is_signed()
    {
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "NOT_ON_ROSTER", () => Sign("stranger.zhou"));
        // Nor may a rostered person's name be given by someone else's token.
        using var channel = app.Host.ChannelWithToken(BoardSignatures.Token("stranger.zhou", code));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ACTOR_NOT_CALLER", () => new Platform.Contracts.Dividends.V1.Board.BoardClient(channel).SignApprovalAsync(
            new SignApprovalRequest { IdempotencyKey = "in-another-name", DistributionId = draftId, Signer = BoardSignatures.BoardSubject }).ResponseAsync);
        // The accountant's typed names approve nothing any more.
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "APPROVAL_BY_SIGNATURE", () => app.Distributions.ApproveDistributionAsync(
            new ApproveDistributionRequest { IdempotencyKey = "typed", DistributionId = draftId, BoardApprover = "王建国", SupervisoryApprover = "李秀英" }).ResponseAsync);

        var kept = await ReadAsync();
        Assert.Equal((DistributionStatus.Draft, 0L, 0L), (kept.Status, kept.BoardSignerRosterId, kept.SupervisorySignerRosterId));
    }

    [Fact]
    public async Task A_board_member_cannot_sign_for_the_supervisory_board_too()
    {
        await Sign(BoardSignatures.BoardSubject);

        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "TERM_NOT_COVERING", () => Sign(BoardSignatures.BoardSubject, BoardBody.Supervisory));
        var again = await Sign(BoardSignatures.BoardSubject, BoardBody.Board);

        Assert.Equal((DistributionStatus.Draft, string.Empty), (again.Status, again.SupervisoryApprover));
    }

    [Fact]
    public async Task The_same_person_on_both_boards_cannot_approve_alone()
    {
        await RosterAsync("both.zhang", BoardBody.Board, "张志强", "2025-01-01");
        await RosterAsync("both.zhang", BoardBody.Supervisory, "张志强", "2025-01-01");

        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "BODY_REQUIRED", () => Sign("both.zhang"));
        await Sign("both.zhang", BoardBody.Board);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "APPROVERS_SAME", () => Sign("both.zhang", BoardBody.Supervisory));
        // Another board member cannot add a second board signature either.
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ALREADY_SIGNED", () => Sign(BoardSignatures.BoardSubject));

        Assert.Equal(DistributionStatus.Draft, (await ReadAsync()).Status);
        Assert.Equal(DistributionStatus.Approved, (await Sign(BoardSignatures.SupervisorySubject)).Status);
    }

    [Fact]
    public async Task A_term_that_does_not_cover_the_day_is_refused()
    {
        await RosterAsync("former.sun", BoardBody.Supervisory, "孙立新", "2020-01-01", "2025-12-31");
        await RosterAsync("future.qian", BoardBody.Supervisory, "钱卫东", "2026-03-11");

        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "TERM_NOT_COVERING", () => Sign("former.sun"));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "TERM_NOT_COVERING", () => Sign("future.qian"));
        clock.Advance(TimeSpan.FromDays(1)); // 2026-03-11 in China: the term has begun
        var signed = await Sign("future.qian");

        Assert.Equal("钱卫东", signed.SupervisoryApprover);
    }

    [Fact]
    public async Task A_term_ended_before_the_day_no_longer_signs()
    {
        var entry = (await app.Board.GetBoardAsync(new GetBoardRequest { CooperativeCode = code })).Members.Single(m => m.Subject == BoardSignatures.BoardSubject);
        await app.Board.EndBoardTermAsync(new EndBoardTermRequest { IdempotencyKey = "end", RosterId = entry.RosterId, TermTo = "2026-03-01" });

        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "TERM_NOT_COVERING", () => Sign(BoardSignatures.BoardSubject));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "TERM_INVALID", () => app.Board.EndBoardTermAsync(
            new EndBoardTermRequest { IdempotencyKey = "longer", RosterId = entry.RosterId, TermTo = "2027-01-01" }).ResponseAsync);
    }

    [Fact]
    public async Task A_redraft_after_a_signature_asks_for_it_again()
    {
        await Sign(BoardSignatures.BoardSubject);

        var redrafted = await app.Distributions.RedraftDistributionAsync(new RedraftDistributionRequest
        {
            IdempotencyKey = "redraft", DistributionId = draftId, IncomeFen = 13_000_000, ExpensesFen = 2_000_000,
        });

        Assert.Equal((0L, string.Empty), (redrafted.BoardSignerRosterId, redrafted.BoardApprover));
        Assert.Equal(DistributionStatus.Draft, (await Sign(BoardSignatures.SupervisorySubject)).Status);
    }

    [Fact]
    public async Task The_roster_keeps_terms_chairs_and_assemblies()
    {
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "CHAIR_TAKEN", () => app.Board.AddBoardMemberAsync(new AddBoardMemberRequest
        {
            IdempotencyKey = "second-chair", CooperativeCode = code, Body = BoardBody.Board, Name = "赵德明", Subject = "board.zhao", Chair = true, TermFrom = "2026-01-01",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.AlreadyExists, "ALREADY_ON_ROSTER", () => RosterAsync(BoardSignatures.BoardSubject, BoardBody.Board, "王建国", "2026-01-01", key: "twice"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ATTENDANCE_INVALID", () => app.Board.RecordAssemblyAsync(new RecordAssemblyRequest
        {
            IdempotencyKey = "too-many", CooperativeCode = code, Kind = AssemblyKind.Members, HeldOn = "2026-01-20", ResolutionNumber = "2026-1",
            ResolutionText = "分配方案通过", Attended = 60, Entitled = 52,
        }).ResponseAsync);
        var assembly = await app.Board.RecordAssemblyAsync(new RecordAssemblyRequest
        {
            IdempotencyKey = "assembly", CooperativeCode = code, Kind = AssemblyKind.Representatives, HeldOn = "2026-01-20", ResolutionNumber = "2026-1",
            ResolutionText = "2025年度盈余分配方案通过", Attended = 40, Entitled = 52,
        });

        var board = await app.Board.GetBoardAsync(new GetBoardRequest { CooperativeCode = code });

        Assert.Equal(["王建国", "李秀英"], board.Members.Select(m => m.Name));
        Assert.All(board.Members, m => Assert.True(m.Chair));
        Assert.Equal(assembly, Assert.Single(board.Assemblies));
        Assert.Equal((40, 52, "2026-01-20"), (assembly.Attended, assembly.Entitled, assembly.HeldOn));
    }
}
