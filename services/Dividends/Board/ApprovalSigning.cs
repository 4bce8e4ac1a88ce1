using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Board;

/// <summary>
/// Which roster entry a signer signs a distribution's approval as. The rules: the signer must be on
/// the cooperative's roster with a term covering the day; the body is the one asked for, or the only
/// one the signer serves on that day; and the other body's signature must be another person's, so one
/// person on both bodies cannot approve alone.
/// </summary>
internal static class ApprovalSigning
{
    public static RosterEntry Choose(IReadOnlyCollection<RosterEntry> signersEntries, BoardBody? body, DateOnly day, string signer)
    {
        if (signersEntries.Count == 0)
        {
            throw DomainException.PermissionDenied("NOT_ON_ROSTER",
                $"'{Input.Quote(signer)}' is not on this cooperative's board or supervisory board; only rostered people sign an approval. Ask the accountant to add you to the roster (AddBoardMember).");
        }

        var serving = signersEntries.Where(e => e.Covers(day) && (body is null || e.Body == body)).ToList();
        if (serving.Count == 0)
        {
            var what = body is null ? "the board or the supervisory board" : Describe(body.Value);
            throw DomainException.PermissionDenied("TERM_NOT_COVERING",
                $"On {day:yyyy-MM-dd}, '{Input.Quote(signer)}' has no term on {what}; a person signs only for a body he or she serves on that day.",
                ("day", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (serving.Select(e => e.Body).Distinct().Count() > 1)
        {
            throw DomainException.Invalid("BODY_REQUIRED",
                $"'{Input.Quote(signer)}' serves on both the board and the supervisory board; say for which one you sign.", "body");
        }

        // The latest term when terms overlap (a re-election recorded before the old term ended).
        return serving.OrderByDescending(e => e.TermFrom).ThenByDescending(e => e.Id).First();
    }

    /// <summary>Refuses a second signature by the person who signed for the other body.</summary>
    public static void NotTheOtherSigner(string signer, string? otherBodysSigner)
    {
        if (otherBodysSigner is not null && string.Equals(otherBodysSigner, signer, StringComparison.Ordinal))
        {
            throw DomainException.Precondition("APPROVERS_SAME",
                "The board and the supervisory board must each approve, by two different people: you have already signed for the other body.");
        }
    }

    public static string Describe(BoardBody body) => body == BoardBody.Board ? "the board" : "the supervisory board";
}
