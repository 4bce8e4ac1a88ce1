namespace Platform.Scoring.Villages;

/// <summary>A village whose households earn love points, with its township and county.</summary>
internal sealed class Village
{
    public const int MaxCodeLength = Platform.ServiceDefaults.Errors.Input.MaxCodeLength;
    public const int MaxNameLength = Platform.ServiceDefaults.Errors.Input.MaxTextLength;

    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Township { get; init; }

    public required string County { get; init; }

    public DateTime RegisteredAt { get; init; }

    /// <summary>Approvals a proposal needs; 0 means a majority of the panel.</summary>
    public int Quorum { get; set; }

    /// <summary>Days an approved proposal stands on the public notice (公示).</summary>
    public int NoticeDays { get; set; } = DefaultNoticeDays;

    public const int DefaultNoticeDays = 3;

    /// <summary>The first secretary must be among each proposal's approvers (panel rules).</summary>
    public bool FirstSecretaryRequired { get; set; }

    /// <summary>
    /// Whoever proposed an award (or submitted a sheet) may not also approve it (panel rules); the
    /// default, as the issue that brought panel rules asks, until the village allows it.
    /// </summary>
    public bool SeparateProposer { get; set; } = true;

    public bool SameDetailsAs(Village other) =>
        Code == other.Code && Name == other.Name && Township == other.Township && County == other.County;
}
