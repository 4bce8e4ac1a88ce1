namespace Platform.ServiceDefaults.Hosting;

/// <summary>A settings section that can say what is wrong with its values, in the settings' own names.</summary>
public interface ICheckedSettings
{
    /// <summary>Empty when every value is usable; else one sentence per wrong setting.</summary>
    IEnumerable<string> Problems();
}
