using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Ledger;

/// <summary>
/// Adds entries' points into a statement's lines by kind. No I/O. A kind this class does not
/// know (one added later, such as expiry) lands in "other" under its name, so a statement never
/// breaks and still adds up.
/// </summary>
internal static class YearMovements
{
    public static void Add(Api.Movements lines, EntryKind kind, long points)
    {
        switch (kind)
        {
            case EntryKind.Award:
                lines.Awarded += points;
                break;
            case EntryKind.Deduction:
                lines.Deducted -= points;
                break;
            case EntryKind.Reversal:
                lines.Reversed += points;
                break;
            case EntryKind.HoldCaptured:
                lines.Spent -= points;
                break;
            case EntryKind.Refund:
                lines.Refunded += points;
                break;
            case EntryKind.TransferIn:
                lines.MovedIn += points;
                break;
            case EntryKind.TransferOut:
                lines.MovedOut -= points;
                break;
            default:
                var name = Enum.IsDefined(kind) ? kind.ToString() : $"kind {(int)kind}";
                var other = lines.Other.FirstOrDefault(o => o.Kind == name);
                if (other is null)
                {
                    lines.Other.Add(new Api.OtherMovement { Kind = name, Points = points });
                }
                else
                {
                    other.Points += points;
                }

                break;
        }
    }

    /// <summary>The signed sum of the lines: what they change the balance by.</summary>
    public static long Net(Api.Movements lines) =>
        lines.Awarded - lines.Deducted + lines.Reversed - lines.Spent + lines.Refunded + lines.MovedIn - lines.MovedOut
        + lines.Other.Sum(o => o.Points);
}
