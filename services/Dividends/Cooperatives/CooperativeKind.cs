namespace Platform.Dividends.Cooperatives;

internal enum CooperativeKind
{
    /// <summary>农民专业合作社: returns most of its surplus by members' trade.</summary>
    FarmersSpecialised = 1,

    /// <summary>股份经济合作社: a village's collective assets held as shares.</summary>
    VillageShareholding = 2,
}
