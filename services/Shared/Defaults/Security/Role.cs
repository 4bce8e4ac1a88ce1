namespace Platform.ServiceDefaults.Security;

/// <summary>Who a caller is, as the token's "role" claim says. A token may carry several.</summary>
public enum Role
{
    /// <summary>The county office: registers villages, supermarkets and cooperatives; reads everything.</summary>
    CountyAdmin,

    /// <summary>A village office: households, the panel, corrections, in its own villages.</summary>
    VillageAdmin,

    /// <summary>A review panel member: proposes and approves awards in his or her village.</summary>
    PanelMember,

    /// <summary>A supermarket counter clerk, at his or her supermarkets.</summary>
    Clerk,

    /// <summary>Keeps a cooperative's members, shares, distributions and payouts.</summary>
    CooperativeAccountant,

    /// <summary>Reads everything, writes nothing.</summary>
    Auditor,

    /// <summary>A household reading its own balance, statement and dividends.</summary>
    Household,

    /// <summary>One of the platform's services calling another (Redemption → Scoring).</summary>
    Service,

    /// <summary>
    /// A person on a cooperative's roster (理事会 or 监事会): signs a distribution's approval in his
    /// or her own name, and reads the cooperative's roster and distributions.
    /// </summary>
    CooperativeBoard,
}
