using Platform.Contracts.Scoring.V1;

namespace Platform.Host.Tests;

/// <summary>Invented places for tests.</summary>
internal static class Samples
{
    public static RegisterVillageRequest Village(string code, string name) => new()
    {
        IdempotencyKey = $"register-{code}-{name}",
        Code = code,
        Name = name,
        Township = "Qiaoli Township",
        County = "Anle County",
    };
}
