namespace Platform.ServiceDefaults.Errors;

/// <summary>One bad field of a request, for example "households[3].household_number".</summary>
public sealed record FieldViolation(string Field, string Description);
