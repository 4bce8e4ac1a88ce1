namespace Platform.Scoring.Panels;

/// <summary>
/// A village's rules for who must approve: a minimum of approvals per role, the first secretary
/// required, and whether the proposer may approve his or her own proposal. No I/O: the workflows
/// load the panel and the approvals and ask this whether they are enough.
/// </summary>
internal sealed record PanelComposition(IReadOnlyDictionary<PanelRole, int> RoleMinimums, bool FirstSecretaryRequired, bool SeparateProposer)
{
    public const int MaxApprovalsPerRole = PanelsService.MaxMembers;

    public static PanelComposition None { get; } = new(new Dictionary<PanelRole, int>(), false, false);

    /// <summary>The roles with a minimum above zero, first secretary required folded in.</summary>
    public IReadOnlyList<(PanelRole Role, int Approvals)> Minimums() =>
        Enum.GetValues<PanelRole>().Select(r => (r, MinimumFor(r))).Where(x => x.Item2 > 0).ToList();

    public int MinimumFor(PanelRole role)
    {
        var minimum = RoleMinimums.GetValueOrDefault(role);
        return role == PanelRole.FirstSecretary && FirstSecretaryRequired ? Math.Max(minimum, 1) : minimum;
    }

    /// <summary>
    /// What the approvals given so far still lack, one line each; empty when the proposal may go
    /// on notice. <paramref name="approverRoles"/> has one item per approval, null for an
    /// approval by someone no longer on the panel (counted overall, for no role).
    /// </summary>
    public IReadOnlyList<string> Lacking(int needed, IReadOnlyCollection<PanelRole?> approverRoles)
    {
        var lacking = new List<string>();
        foreach (var (role, minimum) in Minimums())
        {
            var missing = minimum - approverRoles.Count(r => r == role);
            if (missing > 0)
            {
                lacking.Add(role == PanelRole.FirstSecretary && FirstSecretaryRequired && minimum == 1
                    ? "needs the first secretary"
                    : $"needs {missing} more {PanelRoleNames.Of(role, missing)}");
            }
        }

        var more = needed - approverRoles.Count;
        if (more > 0)
        {
            lacking.Add($"needs {more} more approval{(more == 1 ? string.Empty : "s")}");
        }

        return lacking;
    }

    /// <summary>
    /// The first rule a panel of these members could never meet, worded for a person, or null
    /// when every rule can be met. A proposer kept from approving is not counted against the
    /// panel: the village office or another member may propose, and a member's own proposal
    /// waits, saying what it lacks, until enough others approve.
    /// </summary>
    public string? Unmet(IReadOnlyCollection<PanelRole> memberRoles)
    {
        foreach (var (role, minimum) in Minimums())
        {
            var have = memberRoles.Count(r => r == role);
            if (have < minimum)
            {
                return $"the rule \"{Describe(role, minimum)}\" needs {minimum} {PanelRoleNames.Of(role, minimum)} on the panel, and it would have {have}";
            }
        }

        return null;
    }

    public string Describe(PanelRole role, int minimum) =>
        role == PanelRole.FirstSecretary && FirstSecretaryRequired && minimum == 1
            ? "the first secretary must approve"
            : $"at least {minimum} {PanelRoleNames.Of(role, minimum)} must approve";
}
