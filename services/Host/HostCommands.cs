using System.CommandLine;

namespace Platform.Host;

/// <summary>
/// The host's commands (`token`, `demo`, `admin`, `verify-journal`, `backup`, `restore`), each with --help; a word a command does not
/// know is refused. Without a command the host serves.
/// </summary>
internal static class HostCommands
{
    private static readonly string[] HelpWords = ["--help", "-h", "-?"];

    public static bool Requested(string[] args) =>
        args.Length > 0 && (HelpWords.Contains(args[0]) || Root().Subcommands.Any(c => c.Name == args[0]));

    /// <param name="io">Where the commands write; the console unless given (tests capture it).</param>
    public static int Run(string[] args, InvocationConfiguration? io = null) => Root().Parse(args).Invoke(io);

    private static RootCommand Root() => new("The love-points platform's embedded host. Without a command it serves; settings are given as --Section:Key=Value.")
    {
        TokenCommand.Create(),
        Demo.DemoCommand.Create(),
        WebConsole.ConsoleCommands.AdminCommand(),
        Scoring.Journal.JournalCommand.Create(args => Program.Build(args)),
        Backup.BackupCommand.Create(),
        Backup.RestoreCommand.Create(),
    };
}
