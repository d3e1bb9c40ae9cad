/*
 * test-golden.c - against the authors' own solver outputs
 * (../shared/reference/golden.json) and the paper's section 6 claims.
 *
 * Per MODEL.md: profits f_i within 1e-6 relative, m~_i the exact
 * stationary point, objective at least the reference's minus 1e-7
 * relative, every constraint met to 1e-8, complete-information value
 * within 1e-6 relative.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"
#include "tree.h"

static struct tree *golden;

static int load_golden(void **state)
{
	(void)state;
	golden = tree_load_file(REFERENCE_DIR "/golden.json");
	if (golden == NULL)
		fprintf(stderr, "cannot read %s/golden.json\n", REFERENCE_DIR);
	return golden == NULL ? -1 : 0;
}

static int free_golden(void **state)
{
	(void)state;
	tree_free(golden);
	return 0;
}

/* Builds and solves the scenario of a golden case. */
static int solve_case(const struct tree *c, struct model *mdl,
		      struct contract *out)
{
	double cost[CML_MAX_TYPES], prob[CML_MAX_TYPES];
	struct scenario sc;
	int types = (int)tree_numbers(tree_get(c, "c"), cost, CML_MAX_TYPES);

	assert_int_equal((int)tree_numbers(tree_get(c, "p"), prob, CML_MAX_TYPES),
			 types);
	test_scenario(&sc, (int)tree_number_at(c, "N"), types, cost, prob);
	test_model(mdl, &sc);
	return test_solve(mdl, true, out);
}

static void assert_constraints_met(const struct model *mdl,
				   const struct contract *k)
{
	double tbar[CML_MAX_TYPES];

	for (int i = 0; i < k->ntypes; i++)
		tbar[i] = k->type[i].tbar;
	assert_true(solver_max_violation(mdl, k->solution.m, k->solution.t,
					 tbar) <= 1e-8);
	for (int c = 0; c < CHECK_COUNT; c++)
		if (!k->checks[c].pass)
			fail_msg("check %s fails (slack %g)", check_info[c].key,
				 k->checks[c].worst_slack);
}

static void assert_reservation(const struct model *mdl, const double *ref_f)
{
	for (int i = 0; i < mdl->ntypes; i++) {
		const struct reservation *r = &mdl->reserve[i];
		if (ref_f[i] == 0.0) {
			assert_false(r->trains_alone);
			continue;
		}
		assert_true(test_rel(r->profit, ref_f[i]) < 1e-6);
		double d1;
		(void)accuracy_eval(&mdl->accuracy, r->contribution, &d1, NULL);
		assert_true(test_rel(100.0 * d1, mdl->cost[i]) < 1e-10);
	}
}

/* One case with a reference solution and complete_Ev. */
static void check_case(const struct tree *c)
{
	const struct tree *ref = tree_get(c, "reference");
	double ref_f[CML_MAX_TYPES];
	struct model mdl;
	struct contract k;

	assert_int_equal(solve_case(c, &mdl, &k), SOLVER_OK);
	assert_int_equal((int)tree_numbers(tree_get(ref, "f"), ref_f,
					   CML_MAX_TYPES), mdl.ntypes);
	assert_reservation(&mdl, ref_f);
	double ref_ev = tree_number_at(ref, "Ev");
	if (!(k.expected_value >= ref_ev * (1 - 1e-7)))
		fail_msg("objective %.10f below the reference's %.10f",
			 k.expected_value, ref_ev);
	assert_constraints_met(&mdl, &k);
	assert_true(test_rel(k.complete.expected_value,
			     tree_number_at(c, "complete_Ev")) < 1e-6);
	assert_true(k.complete.information_cost <= 1e-9);
	model_free(&mdl);
}

static void test_multitype(void **state)
{
	(void)state;
	const struct tree *cases = tree_get(golden, "multitype");
	assert_non_null(cases);
	assert_int_equal(cases->count, 3);
	for (size_t i = 0; i < cases->count; i++)
		check_case(tree_at(cases, i));
}

static void test_twotype(void **state)
{
	(void)state;
	const struct tree *cases = tree_get(golden, "twotype");
	assert_non_null(cases);
	assert_true(cases->count >= 7);
	for (size_t i = 0; i < cases->count; i++)
		check_case(tree_at(cases, i));
}

/* The reservation block: exact stationary points and the paper's text. */
static void test_reservation_block(void **state)
{
	(void)state;
	const struct tree *res = tree_get(golden, "reservation");
	double cost[2], exact_m[2], ref_f[2], prob[2] = { 0.5, 0.5 };
	struct scenario sc;
	struct model mdl;

	assert_int_equal(tree_numbers(tree_get(res, "c"), cost, 2), 2);
	tree_numbers(tree_get(tree_get(res, "exact"), "m_reserv"), exact_m, 2);
	tree_numbers(tree_get(tree_get(res, "reference"), "f"), ref_f, 2);
	test_scenario(&sc, 10, 2, cost, prob);
	test_model(&mdl, &sc);
	assert_reservation(&mdl, ref_f);
	for (int i = 0; i < 2; i++)
		assert_true(test_rel(mdl.reserve[i].contribution, exact_m[i]) < 1e-9);
	/* Paper: 715.6 units for a model worth 69.6; 1148.5 (exact 1148.389). */
	assert_true(fabs(mdl.reserve[0].contribution - 715.6) < 0.05);
	assert_true(fabs(mdl.reserve[0].value - 69.6) < 0.05);
	assert_true(fabs(mdl.reserve[1].value - 75.6) < 0.05);
	model_free(&mdl);
}

static const struct tree *edge_case(const char *name)
{
	const struct tree *cases = tree_get(golden, "edge_cases");
	for (size_t i = 0; cases != NULL && i < cases->count; i++) {
		const struct tree *n = tree_get(tree_at(cases, i), "name");
		if (n != NULL && strcmp(n->text, name) == 0)
			return tree_at(cases, i);
	}
	fail_msg("golden.json has no edge case %s", name);
	return NULL;
}

/* The optimum keeps a tiny interior contribution from type 1. */
static void test_near_exclusion(void **state)
{
	(void)state;
	const struct tree *c = edge_case("edge_near_exclusion_N10_c1_0.4");
	struct model mdl;
	struct contract k;

	assert_int_equal(solve_case(c, &mdl, &k), SOLVER_OK);
	assert_true(k.expected_value >=
		    tree_number_at(tree_get(c, "reference"), "Ev"));
	assert_true(k.expected_value > 71.2963947); /* about 71.2963948 */
	assert_true(k.expected_value > 71.2963682); /* type 1 forced out */
	assert_true(k.solution.m[0] > 0.15 && k.solution.m[0] < 0.25);
	assert_true(fabs(k.solution.m[1] - 178.132) < 0.01);
	assert_constraints_met(&mdl, &k);
	model_free(&mdl);
}

static void test_no_collaboration(void **state)
{
	(void)state;
	const char *names[] = { "edge_no_collaboration_N2_I5",
				"edge_no_collaboration_N4_I5" };
	for (int i = 0; i < 2; i++) {
		struct model mdl;
		struct contract k;
		assert_int_equal(solve_case(edge_case(names[i]), &mdl, &k),
				 SOLVER_NO_COLLABORATION);
		assert_int_equal(k.status, POOLING_NONE);
		assert_true(k.expected_value == 0.0);
		for (int j = 0; j < k.ntypes; j++)
			assert_true(k.solution.m[j] == 0.0);
		assert_constraints_met(&mdl, &k);
		model_free(&mdl);
	}
}

/* Paper section 6.2: scenario 3's trickle-down and scenario 1's type 5. */
static void test_section_6_2(void **state)
{
	(void)state;
	const struct tree *cases = tree_get(golden, "multitype");
	struct model mdl;
	struct contract k;

	assert_int_equal(solve_case(tree_at(cases, 2), &mdl, &k), SOLVER_OK);
	assert_true(k.solution.m[0] >= 104.3 && k.solution.m[0] <= 104.4);
	assert_true(fabs(k.type[0].reward_value - 52.2) < 0.05);
	/* Weak efficiency: the cheapest type gets the best model. */
	assert_true(k.type[4].reward_value >= k.type[3].reward_value);
	model_free(&mdl);

	assert_int_equal(solve_case(tree_at(cases, 0), &mdl, &k), SOLVER_OK);
	assert_true(k.solution.m[4] < mdl.reserve[4].contribution);
	assert_true(k.type[4].extra < 0.0);
	model_free(&mdl);

	/* Scenario 2: nobody trains alone, yet everyone gets a model. */
	assert_int_equal(solve_case(tree_at(cases, 1), &mdl, &k), SOLVER_OK);
	for (int i = 0; i < 5; i++) {
		assert_false(mdl.reserve[i].trains_alone);
		assert_true(k.type[i].reward_value > 60.0);
	}
	model_free(&mdl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multitype),
		cmocka_unit_test(test_twotype),
		cmocka_unit_test(test_reservation_block),
		cmocka_unit_test(test_near_exclusion),
		cmocka_unit_test(test_no_collaboration),
		cmocka_unit_test(test_section_6_2),
	};
	return cmocka_run_group_tests(tests, load_golden, free_golden);
}
