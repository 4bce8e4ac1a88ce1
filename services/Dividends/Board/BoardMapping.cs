using Platform.Dividends.Members;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Board;

internal static class BoardMapping
{
    public static BoardBody Body(Api.BoardBody body) => body switch
    {
        Api.BoardBody.Board => BoardBody.Board,
        Api.BoardBody.Supervisory => BoardBody.Supervisory,
        _ => throw DomainException.Invalid("BODY_INVALID", "Choose the body: the board (理事会) or the supervisory board (监事会).", "body"),
    };

    public static AssemblyKind Kind(Api.AssemblyKind kind) => kind switch
    {
        Api.AssemblyKind.Members => AssemblyKind.Members,
        Api.AssemblyKind.Representatives => AssemblyKind.Representatives,
        _ => throw DomainException.Invalid("ASSEMBLY_KIND_INVALID",
            "Choose the assembly: the members' assembly (成员大会) or the members' representatives' assembly (成员代表大会).", "kind"),
    };

    public static Api.BoardMember ToApi(RosterEntry e) => new()
    {
        RosterId = e.Id,
        CooperativeCode = e.CooperativeCode,
        Body = (Api.BoardBody)(int)e.Body,
        Name = e.Name,
        Chair = e.Chair,
        MemberId = e.MemberId ?? 0,
        Subject = e.Subject,
        TermFrom = Dates.Text(e.TermFrom),
        TermTo = Dates.Text(e.TermTo),
    };

    public static Api.Assembly ToApi(AssemblyMeeting a) => new()
    {
        AssemblyId = a.Id,
        CooperativeCode = a.CooperativeCode,
        Kind = (Api.AssemblyKind)(int)a.Kind,
        HeldOn = Dates.Text(a.HeldOn),
        ResolutionNumber = a.ResolutionNumber,
        ResolutionText = a.ResolutionText,
        Attended = a.Attended,
        Entitled = a.Entitled,
    };
}
