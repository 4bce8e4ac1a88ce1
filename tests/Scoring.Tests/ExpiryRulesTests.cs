using Platform.Scoring.Expiry;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>The rules of expiry with no server (decision 0014): boundaries, cut periods, what is due.</summary>
public sealed class ExpiryRulesTests
{
    [Theory]
    // Rule numbers as in the API: 2 months after earning, 3 year end.
    [InlineData(2, 12, "2027-02", "2026-01")]
    [InlineData(2, 1, "2027-01", "2026-11")]
    [InlineData(2, 120, "2030-03", "2020-02")]
    [InlineData(3, 0, "2027-01", "2026-12")]
    [InlineData(3, 0, "2027-02", "2026-12")]
    [InlineData(3, 0, "2027-12", "2026-12")]
    public void A_boundary_expires_the_batches_up_to_its_cut_period(int rule, int months, string boundary, string cut) =>
        Assert.Equal(cut, ExpiryRules.CutPeriod((ExpiryRuleKind)rule, months, boundary));

    [Fact]
    public void Boundaries_are_month_starts_in_utc()
    {
        var now = new DateTime(2026, 12, 31, 23, 59, 0, DateTimeKind.Utc);
        Assert.Equal(("2026-12", "2027-01"), (ExpiryRules.CurrentBoundary(now), ExpiryRules.NextBoundary(now)));
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), ExpiryRules.Start("2027-01"));
    }

    [Theory]
    [InlineData(100, 30, 70)]
    [InlineData(20, 30, 0)]
    [InlineData(-5, 0, 0)]
    [InlineData(0, 0, 0)]
    public void What_is_due_is_what_can_be_spent_beyond_the_still_valid_credits(long available, long newer, long due) =>
        Assert.Equal(due, ExpiryRules.Due(available, newer));

    [Fact]
    public void A_policy_applies_from_the_first_month_start_after_it_was_set_and_its_notice_opens_its_days_ahead()
    {
        var policy = new VillageExpiryPolicy
        {
            VillageCode = "V1", Rule = ExpiryRuleKind.YearEnd, NoticeDays = 14, SetBy = "clerk", SetAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        Assert.False(ExpiryRules.Applies(policy, "2026-12"));
        Assert.True(ExpiryRules.Applies(policy, "2027-01"));
        Assert.False(ExpiryRules.NoticeDue(policy, "2027-01", new DateTime(2026, 12, 17, 23, 0, 0, DateTimeKind.Utc)));
        Assert.True(ExpiryRules.NoticeDue(policy, "2027-01", new DateTime(2026, 12, 18, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(ExpiryRules.NoticeDue(policy, "2027-01", new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        policy.Rule = ExpiryRuleKind.None;
        Assert.False(ExpiryRules.Applies(policy, "2027-01"));
    }
}
