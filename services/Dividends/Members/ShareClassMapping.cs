using Platform.Dividends.Allocation;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Members;

internal static class ShareClassMapping
{
    public static ShareClass FromApi(Api.ShareClass value, string field = "share_class") => value switch
    {
        Api.ShareClass.Population => ShareClass.Population,
        Api.ShareClass.FarmAge => ShareClass.FarmAge,
        Api.ShareClass.Land => ShareClass.Land,
        Api.ShareClass.Capital => ShareClass.Capital,
        Api.ShareClass.PovertyReliefPreferred => ShareClass.PovertyReliefPreferred,
        Api.ShareClass.Collective => ShareClass.Collective,
        _ => throw DomainException.Invalid("SHARE_CLASS_INVALID",
            "Choose a share class: population, farm age, land, capital, poverty-relief preferred or collective.",
            field),
    };

    public static Api.ShareClass ToApi(ShareClass value) => (Api.ShareClass)(int)value;
}
