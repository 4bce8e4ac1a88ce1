using Platform.Scoring.Households;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Text;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>The resident ID card number's rules, without a server.</summary>
public sealed class IdCardNumberTests
{
    [Fact]
    public void A_number_with_a_right_check_character_is_kept_in_its_normal_form_and_shown_masked()
    {
        var number = IdNumbers.Of("1956-11-12", 4);

        Assert.EndsWith("X", number, StringComparison.Ordinal);
        Assert.Equal(number, IdCardNumber.Normalise(" " + number.ToLowerInvariant() + " ", "id_card_number"));
        Assert.Equal("410522********004X", IdCardNumber.Mask(number));
        Assert.Null(IdCardNumber.Normalise("  ", "id_card_number"));
    }

    [Theory]
    [InlineData("41052219561112004", "ID_CARD_NUMBER_INVALID")]
    [InlineData("4105221956111200AX", "ID_CARD_NUMBER_INVALID")]
    [InlineData("41052219561312004X", "ID_CARD_NUMBER_INVALID")]
    [InlineData("410522195611120041", "ID_CARD_NUMBER_CHECK_FAILED")]
    public void A_wrong_number_is_refused_with_a_reason_and_without_repeating_it(string typed, string reason)
    {
        var ex = Assert.Throws<DomainException>(() => IdCardNumber.Normalise(typed, "member.id_card_number"));

        Assert.Equal(reason, ex.Reason);
        Assert.DoesNotContain(typed[..10], ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1956-11-12", "2026-11-11", 69, false)]
    [InlineData("1956-11-12", "2026-11-12", 70, true)]
    [InlineData("1956-02-29", "2026-02-28", 70, true)]
    [InlineData("1956-02-29", "2026-02-27", 69, false)]
    public void Age_and_over_70_are_worked_out_from_the_birth_date_on_the_day(string bornOn, string today, int age, bool over70)
    {
        var born = DateOnly.Parse(bornOn, System.Globalization.CultureInfo.InvariantCulture);
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(age, MemberInput.Age(born, day));
        Assert.Equal(over70, VillageDay.Over70(born, day));
    }
}
