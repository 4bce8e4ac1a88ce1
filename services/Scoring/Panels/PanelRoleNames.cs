namespace Platform.Scoring.Panels;

/// <summary>The roles as refusals and a proposal's "still lacking" lines name them.</summary>
internal static class PanelRoleNames
{
    public static string Of(PanelRole role, int count) => (role, count == 1) switch
    {
        (PanelRole.VillageCadre, true) => "village cadre",
        (PanelRole.VillageCadre, false) => "village cadres",
        (PanelRole.FirstSecretary, true) => "first secretary",
        (PanelRole.FirstSecretary, false) => "first secretaries",
        (PanelRole.PartyMember, true) => "party member",
        (PanelRole.PartyMember, false) => "party members",
        (PanelRole.VillagersRepresentative, true) => "villagers' representative",
        (PanelRole.VillagersRepresentative, false) => "villagers' representatives",
        (PanelRole.TownshipCadre, true) => "township cadre",
        _ => "township cadres",
    };
}
