using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Allocation;

/// <summary>Refuses figures, policies and holdings the allocator cannot divide, before anything is computed.</summary>
internal static class AllocationInputCheck
{
    public static void Validate(DistributionFigures figures, AllocationPolicy policy, IReadOnlyList<MemberInput> members)
    {
        NotNegative(figures.IncomeFen, "income_fen", "income");
        NotNegative(figures.ExpensesFen, "expenses_fen", "expenses");
        NotNegative(figures.BroughtForwardFen, "brought_forward_fen", "undistributed surplus brought forward");
        NotNegative(figures.LossCarriedForwardFen, "loss_carried_forward_fen", "loss carried forward");
        if (figures.PeriodTo < figures.PeriodFrom)
        {
            throw DomainException.Invalid("PERIOD_INVALID", "The period must end on or after the day it starts.",
                "period_to");
        }

        Policy(policy);
        var seen = new HashSet<long>();
        foreach (var m in members)
        {
            if (!seen.Add(m.MemberId))
            {
                throw DomainException.Invalid("MEMBER_DUPLICATE", $"Member {m.MemberId} appears twice.", "member_id");
            }

            NotNegative(m.PatronageFen, "patronage_fen", "trade with the cooperative");
            foreach (var h in m.Holdings)
            {
                NotNegative(h.Quantity, "quantity", "holding quantity");
                if (h.Class is < ShareClass.Population or > ShareClass.Collective)
                {
                    throw DomainException.Invalid("SHARE_CLASS_INVALID", "Choose one of the share classes.", "share_class");
                }

                if (h.To is { } to && to < h.From)
                {
                    throw DomainException.Invalid("HOLDING_DATES_INVALID", "A holding must end on or after the day it starts.", "effective_to");
                }
            }
        }
    }

    public static void Policy(AllocationPolicy policy)
    {
        Rate(policy.ReserveBp, "reserve_bp", "reserve fund rate");
        Rate(policy.WelfareBp, "welfare_bp", "welfare fund rate");
        Rate(policy.CapBp, "cap_bp", "cap on members' share");
        Rate(policy.PreferredGuaranteeBp, "preferred_guarantee_bp", "guaranteed return on preferred shares");
        Rate(policy.PatronageBp, "patronage_bp", "patronage rate");
        if (policy.PatronageFloorBp is { } floor)
        {
            Rate(floor, "patronage_minimum_bp", "least share returned by trade");
        }

        if (policy.ReserveBp + policy.WelfareBp > 10_000)
        {
            throw DomainException.Invalid("RATE_INVALID", "The reserve and welfare rates together cannot exceed 100% (10,000 basis points).",
                "welfare_bp");
        }

        if (policy.CapThresholdFen is { } threshold)
        {
            NotNegative(threshold, "cap_threshold_fen", "cap threshold");
        }

        foreach (var (cls, weight) in policy.ClassWeights)
        {
            if (!Enum.IsDefined(cls))
            {
                throw DomainException.Invalid("SHARE_CLASS_INVALID", "Class weights must name a known share class.", "class_weights");
            }

            if (weight is < 0 or > 1_000_000)
            {
                throw DomainException.Invalid("WEIGHT_INVALID", $"The weight of {cls} shares must be between 0 and 1,000,000.",
                    "class_weights");
            }
        }
    }

    public static void NotNegative(long value, string field, string what)
    {
        if (value < 0)
        {
            throw DomainException.Invalid("AMOUNT_NEGATIVE", $"The {what} cannot be negative.", field);
        }
    }

    private static void Rate(int bp, string field, string what)
    {
        if (bp is < 0 or > 10_000)
        {
            throw DomainException.Invalid("RATE_INVALID", $"The {what} must be between 0 and 10,000 basis points (0% to 100%).",
                field);
        }
    }
}
