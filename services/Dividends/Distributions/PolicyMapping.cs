using Platform.Dividends.Allocation;
using Platform.Dividends.Members;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Distributions;

internal static class PolicyMapping
{
    public static PolicyVersion FromApi(Api.SetPolicyRequest r, string cooperative, int version, DateTime now)
    {
        var weights = new Dictionary<ShareClass, int>();
        foreach (var w in r.ClassWeights)
        {
            var cls = ShareClassMapping.FromApi(w.ShareClass, "class_weights");
            if (!weights.TryAdd(cls, w.Weight))
            {
                throw DomainException.Invalid("WEIGHT_DUPLICATE", $"The weight of {cls} shares is given twice.",
                    "class_weights");
            }
        }

        var policy = new PolicyVersion
        {
            CooperativeCode = cooperative,
            Version = version,
            ReserveBp = r.ReserveBp,
            WelfareBp = r.WelfareBp,
            CapThresholdFen = r.HasCapThresholdFen ? r.CapThresholdFen : null,
            CapBp = r.CapBp,
            PreferredGuaranteeBp = r.PreferredGuaranteeBp,
            PatronageBp = r.PatronageBp,
            PreferredJoinsProRata = r.PreferredJoinsProRata,
            PopulationWeight = weights.GetValueOrDefault(ShareClass.Population),
            FarmAgeWeight = weights.GetValueOrDefault(ShareClass.FarmAge),
            LandWeight = weights.GetValueOrDefault(ShareClass.Land),
            CapitalWeight = weights.GetValueOrDefault(ShareClass.Capital),
            PreferredWeight = weights.GetValueOrDefault(ShareClass.PovertyReliefPreferred),
            CollectiveWeight = weights.GetValueOrDefault(ShareClass.Collective),
            RecordedAt = now,
        };
        AllocationInputCheck.Policy(policy.ToPolicy());
        return policy;
    }

    public static Api.Policy ToApi(PolicyVersion p)
    {
        var api = new Api.Policy
        {
            CooperativeCode = p.CooperativeCode,
            Version = p.Version,
            ReserveBp = p.ReserveBp,
            WelfareBp = p.WelfareBp,
            CapBp = p.CapBp,
            PreferredGuaranteeBp = p.PreferredGuaranteeBp,
            PatronageBp = p.PatronageBp,
            PreferredJoinsProRata = p.PreferredJoinsProRata,
        };
        if (p.CapThresholdFen is { } threshold)
        {
            api.CapThresholdFen = threshold;
        }

        foreach (var (cls, weight) in p.ToPolicy().ClassWeights.Where(w => w.Value != 0).OrderBy(w => w.Key))
        {
            api.ClassWeights.Add(new Api.ClassWeight { ShareClass = ShareClassMapping.ToApi(cls), Weight = weight });
        }

        return api;
    }
}
