using Platform.Contracts.Events;

namespace Platform.Scoring.Leaderboards;

/// <summary>
/// Which list a posted entry moves: awards raise the red list, deductions the black list, and a
/// reversal takes back from the list its original was on, in the original's month.
/// </summary>
internal static class LeaderboardScores
{
    public static IEnumerable<LeaderboardScore> From(string villageCode, IEnumerable<PostedEntry> entries)
    {
        foreach (var e in entries)
        {
            var score = e.Kind switch
            {
                "Award" => new LeaderboardScore(villageCode, e.Period, LeaderboardKind.Red, e.HouseholdNumber, e.Points),
                "Deduction" => new LeaderboardScore(villageCode, e.Period, LeaderboardKind.Black, e.HouseholdNumber, -e.Points),
                // A negative reversal undoes an award; a positive one undoes a deduction.
                "Reversal" when e.Points < 0 => new LeaderboardScore(villageCode, e.Period, LeaderboardKind.Red, e.HouseholdNumber, e.Points),
                "Reversal" => new LeaderboardScore(villageCode, e.Period, LeaderboardKind.Black, e.HouseholdNumber, -e.Points),
                _ => null,
            };
            if (score is not null)
            {
                yield return score;
            }
        }
    }
}
