using Platform.Testing.Matrix;
using Xunit;

namespace Platform.Integration.Tests.Hosting;

/// <summary>
/// The access matrix of tests/Host.Tests (AccessMatrixTests), cell for cell, against the
/// distributed services: each host checks tokens with its own validator and scopes with its
/// own tables and database lookups.
/// </summary>
public sealed class AccessMatrixOnDistributedTests(DistributedMatrix matrix) : IClassFixture<DistributedMatrix>
{
    public static TheoryData<string> Methods => new(MatrixChecks.Methods);

    [Fact]
    public void Every_RPC_each_service_serves_has_an_access_rule_and_every_rule_names_an_RPC_it_serves() =>
        MatrixChecks.EveryServedRpcHasARuleAndEveryRuleIsServed(matrix.Seed);

    [Fact]
    public void Every_RPC_with_a_rule_in_any_service_has_a_sample_request_in_the_matrix_test() =>
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
    public Task Each_service_answers_health_without_a_token() => MatrixChecks.HealthAnswersWithoutATokenAsync(matrix.Seed);

    [Fact]
    public Task A_panel_member_acts_only_in_his_or_her_own_name_and_the_village_office_may_record_for_a_member() =>
        MatrixChecks.PanelMembersActOnlyInTheirOwnNameAsync(matrix.Seed);

    [Fact]
    public Task Redemptions_service_token_reaches_scorings_ledger_and_nothing_the_service_role_is_not_given() =>
        MatrixChecks.ServiceTokenReachesTheLedgerAndNothingElseAsync(matrix.Seed);
}
