namespace Platform.Scoring.Panels;

internal enum PanelRole
{
    VillageCadre = 1,
    FirstSecretary = 2,
    PartyMember = 3,
    VillagersRepresentative = 4,
    TownshipCadre = 5,
}
