using Platform.Testing.Matrix;
using Xunit;

namespace Platform.Host.Tests.Security;

/// <summary>
/// Every cell of the access matrix (docs/access-matrix.md, generated from the services' access
/// tables) tried against the embedded host over HTTP/2: each role with a token reaching the
/// request's village, household, supermarket or cooperative, and with one reaching only others.
/// The same checks run against the distributed services in tests/Integration.Tests
/// (AccessMatrixOnDistributedTests); they live in tests/Testing/Matrix.
/// </summary>
public sealed class AccessMatrixTests(EmbeddedMatrix matrix) : IClassFixture<EmbeddedMatrix>
{
    public static TheoryData<string> Methods => new(MatrixChecks.Methods);

    [Fact]
    public void Every_RPC_the_host_serves_has_an_access_rule_and_every_rule_names_a_served_RPC() =>
        MatrixChecks.EveryServedRpcHasARuleAndEveryRuleIsServed(matrix.Seed);

    [Fact]
    public void Every_RPC_with_a_rule_has_a_sample_request_in_the_matrix_test() =>
        MatrixChecks.EveryGuardedRpcHasASample(matrix.Seed);

    [Theory]
    [MemberData(nameof(Methods))]
    public Task Each_role_is_allowed_in_its_scope_and_denied_out_of_it_as_the_matrix_says(string method) =>
        MatrixChecks.EachRoleIsAllowedInScopeAndDeniedOutOfItAsync(matrix.Seed, method);

    [Theory]
    [MemberData(nameof(Methods))]
    public Task Missing_expired_malformed_and_wrongly_signed_tokens_are_unauthenticated(string method) =>
        MatrixChecks.BadTokensAreUnauthenticatedAsync(matrix.Seed, method);

    [Fact]
    public Task Health_answers_without_a_token() => MatrixChecks.HealthAnswersWithoutATokenAsync(matrix.Seed);

    [Fact]
    public Task A_panel_member_acts_only_in_his_or_her_own_name_and_the_village_office_may_record_for_a_member() =>
        MatrixChecks.PanelMembersActOnlyInTheirOwnNameAsync(matrix.Seed);

    [Fact]
    public Task A_client_with_the_service_token_reaches_the_ledger_and_nothing_the_service_role_is_not_given() =>
        MatrixChecks.ServiceTokenReachesTheLedgerAndNothingElseAsync(matrix.Seed);
}
