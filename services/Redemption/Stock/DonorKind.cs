namespace Platform.Redemption.Stock;

internal enum DonorKind
{
    None = 0,
    Company = 1,
    Official = 2,
    Individual = 3,
}
