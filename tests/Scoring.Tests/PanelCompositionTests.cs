using Platform.Scoring.Awards;
using Platform.Scoring.Panels;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>The panel's composition rules and the villagers' name mask, without a server.</summary>
public sealed class PanelCompositionTests
{
    private static readonly PanelComposition OneCadreAndTheSecretary =
        new(new Dictionary<PanelRole, int> { [PanelRole.VillageCadre] = 1 }, FirstSecretaryRequired: true, SeparateProposer: false);

    [Fact]
    public void What_a_proposal_lacks_is_named_per_role_and_overall()
    {
        Assert.Equal(["needs 1 more village cadre", "needs the first secretary", "needs 3 more approvals"], OneCadreAndTheSecretary.Lacking(3, []));
        Assert.Equal(["needs the first secretary", "needs 1 more approval"],
            OneCadreAndTheSecretary.Lacking(3, [PanelRole.VillageCadre, PanelRole.PartyMember]));
        Assert.Empty(OneCadreAndTheSecretary.Lacking(3, [PanelRole.VillageCadre, PanelRole.FirstSecretary, null]));
        Assert.Equal(["needs 2 more villagers' representatives"],
            new PanelComposition(new Dictionary<PanelRole, int> { [PanelRole.VillagersRepresentative] = 2 }, false, false).Lacking(0, []));
    }

    [Fact]
    public void Rules_a_panel_cannot_meet_are_named()
    {
        Assert.Null(OneCadreAndTheSecretary.Unmet([PanelRole.VillageCadre, PanelRole.FirstSecretary]));
        Assert.Contains("the first secretary must approve", OneCadreAndTheSecretary.Unmet([PanelRole.VillageCadre, PanelRole.PartyMember]));
        Assert.Contains("at least 1 village cadre must approve", OneCadreAndTheSecretary.Unmet([PanelRole.FirstSecretary]));
        // Keeping the proposer from approving never makes a panel unable to decide: the office or
        // another member may propose, and a member's own proposal waits for the others.
        var separate = new PanelComposition(new Dictionary<PanelRole, int>(), false, SeparateProposer: true);
        Assert.Null(separate.Unmet([PanelRole.PartyMember]));
    }

    [Theory]
    [InlineData("王建国", "王*国")]
    [InlineData("李娜", "李*")]
    [InlineData("欧阳明月", "欧**月")]
    [InlineData("王", "*")]
    [InlineData("", "")]
    public void A_name_keeps_its_first_and_last_character(string name, string masked) => Assert.Equal(masked, NameMask.Of(name));
}
