namespace Platform.Scoring.Panels;

public enum PanelRole
{
    VillageCadre = 1,
    FirstSecretary = 2,
    PartyMember = 3,
    VillagersRepresentative = 4,
    TownshipCadre = 5,
}
