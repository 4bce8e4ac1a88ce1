using System.Text;
using Platform.ServiceDefaults.Security;

namespace Platform.Host.Tests.Security;

/// <summary>Writes docs/access-matrix.md from the access tables the host serves.</summary>
internal static class AccessMatrixDoc
{
    public static string Render(IEnumerable<AccessRule> rules)
    {
        var text = new StringBuilder();
        text.AppendLine("# Access matrix");
        text.AppendLine();
        text.AppendLine("<!-- Generated from services/*/Security/*Access.cs by tests/Host.Tests (AccessMatrixDocTests).");
        text.AppendLine("     Do not edit: change the access table, then run the test with UPDATE_DOCS=1. -->");
        text.AppendLine();
        text.AppendLine("Every RPC the platform serves, and who may call it. See [security.md](security.md) for how tokens and scopes work.");
        text.AppendLine();
        text.AppendLine("- **✓** allowed whatever the request is about (the role reaches the whole deployment, or the RPC is about nothing in particular)");
        text.AppendLine("- **in scope** allowed when the token reaches what the request is about (its *scope* column); out of scope: PermissionDenied `OUT_OF_SCOPE`");
        text.AppendLine("- **✗** refused to the role: PermissionDenied `ROLE_NOT_ALLOWED`");
        text.AppendLine("- *public*: no token needed. Any other call without a valid token: Unauthenticated `TOKEN_*`");
        text.AppendLine("- **acting as**: the request field naming the person who acts. A token without a county_admin, village_admin or service role must have");
        text.AppendLine("  that value as its subject (`sub`), else PermissionDenied `ACTOR_NOT_CALLER`: a panel member approves only in his or her own name.");
        text.AppendLine("- **service**: the services named in the cell may call, each with the token its own key signs (`sub` = `service:<name>`);");
        text.AppendLine("  another service's token is refused PermissionDenied `SERVICE_NOT_ALLOWED`. A token signed by a key trusted for everything");
        text.AppendLine("  (the embedded host's one key) is not limited by the names.");
        text.AppendLine();
        text.AppendLine("Scope columns: `Village(x)` is reached by a village_admin, panel_member or clerk token listing that village; `Household(v, n)` by those and by the");
        text.AppendLine("household's own token; `Supermarket(x)` by a clerk listing it; `Cooperative(x)` by a cooperative_accountant or cooperative_board token listing it; `Villages(xs)` only if every");
        text.AppendLine("one is reached. A scope found by a lookup (`…Async`) is read from the service's database by the id in the request; an id that does not exist goes on to the");
        text.AppendLine("service, which answers NotFound.");
        foreach (var service in rules.GroupBy(r => r.Method.Service.File.Package).OrderBy(g => Order(g.Key)))
        {
            text.AppendLine();
            text.AppendLine($"## {service.Key}");
            text.AppendLine();
            text.AppendLine("| RPC | kind | scope | acting as | " + string.Join(" | ", Roles.All.Select(r => r.ClaimValue())) + " |");
            text.AppendLine("|---|---|---|---|" + string.Concat(Roles.All.Select(_ => "---|")));
            foreach (var rule in service.OrderBy(r => r.Method.Service.Name, StringComparer.Ordinal).ThenBy(r => r.Method.Index))
            {
                var cells = Roles.All.Select(role => Cell(rule, role));
                var acting = rule.ActorText is { } actor ? $"`{actor}`" : "—";
                text.AppendLine($"| {rule.Method.Service.Name}/{rule.Method.Name} | {rule.Kind.ToString().ToLowerInvariant()} | `{rule.ScopeText.Replace("|", "\\|", StringComparison.Ordinal)}` | {acting} | "
                    + string.Join(" | ", cells) + " |");
            }
        }

        return text.ToString();
    }

    private static string Cell(AccessRule rule, Role role) =>
        rule.Kind == AccessKind.Public ? "public"
        : !rule.Allows(role) ? "✗"
        : role == Role.Service ? "✓ " + string.Join(", ", rule.Services.Order(StringComparer.Ordinal))
        : role.IsDeploymentWide() || rule.ScopeText == "None" ? "✓"
        : "in scope";

    private static int Order(string package) => package switch
    {
        "platform.scoring.v1" => 0,
        "platform.redemption.v1" => 1,
        "platform.dividends.v1" => 2,
        _ => 3,
    };
}
