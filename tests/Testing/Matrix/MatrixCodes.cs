namespace Platform.Testing.Matrix;

/// <summary>
/// The codes of the matrix's things. "Home" is what the seed creates and the home tokens reach;
/// "away" is what the away tokens reach instead; "new" is what sample requests create. All carry
/// one prefix, so a run on shared servers (Redis keys leaderboards by village; RabbitMQ fans
/// Scoring's village and household events out to every Redemption on the broker) meets no other
/// run's villages. The embedded host's prefix is empty: V1, SM1, C1.
/// </summary>
public sealed record MatrixCodes(string Prefix)
{
    public static MatrixCodes Embedded { get; } = new(string.Empty);

    /// <summary>Codes no other run uses, for servers shared with other tests.</summary>
    public static MatrixCodes Unique() => new($"MX{Guid.NewGuid():N}"[..10] + "-");

    public string Village => Prefix + "V1";

    public string Supermarket => Prefix + "SM1";

    public string Cooperative => Prefix + "C1";

    public string Counter => Prefix + "SM1-C1";

    public string AwayVillage => Prefix + "V2";

    public string AwaySupermarket => Prefix + "SM2";

    public string AwayCooperative => Prefix + "C2";

    public string NewVillage => Prefix + "V9";

    public string NewSupermarket => Prefix + "SM9";

    public string NewSupermarketCounter => Prefix + "SM9-C1";

    public string NewCounter => Prefix + "SM1-C2";

    public string NewCooperative => Prefix + "C9";
}
