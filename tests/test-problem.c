/*
 * test-problem.c - the solver's scaled problem: the objective gradient and
 * the constraint Jacobian NLopt sees, against finite differences; packing.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "menu.h"
#include "problem.h"
#include "testutil.h"

/* The Jacobian against central differences, with valuation val. */
static void check_problem_valued(int n, int types, struct test_rng *rng,
				 const struct valuation *val)
{
	/* Zeroed: GCC -O1 cannot see that types >= 1 fills them. */
	double cost[CML_MAX_TYPES] = { 0 }, prob[CML_MAX_TYPES] = { 0 };
	double m[CML_MAX_TYPES];
	double t[CML_MAX_TYPES], x[2 * CML_MAX_TYPES], sum = 0.0;
	struct scenario sc;
	struct model mdl;
	struct problem p;

	for (int i = 0; i < types; i++) {
		cost[i] = 0.3 / (1 + i + test_uniform(rng));
		sum += prob[i] = 0.1 + test_uniform(rng);
	}
	for (int i = 0; i < types; i++)
		prob[i] /= sum;
	test_scenario(&sc, n, types, cost, prob);
	if (val != NULL)
		sc.valuation = *val;
	test_model(&mdl, &sc);
	for (int i = 0; i < types; i++)
		m[i] = 150.0 * (i + 1) * (1 + 0.3 * test_uniform(rng));
	menu_min_rewards(&mdl, m, t);
	/* Growing extra rewards: every adjacent IC gets slack (e > 0). */
	double extra = 0.0;
	for (int i = 0; i < types; i++) {
		extra += 0.5 * test_uniform(rng);
		t[i] += extra;
	}
	problem_init(&p, &mdl, m);
	problem_pack(&p, m, t, x);

	int nv = problem_variables(&p), nc = problem_constraints(&p);
	double grad[2 * CML_MAX_TYPES], jac[3 * CML_MAX_TYPES * 2 * CML_MAX_TYPES];
	double cu[3 * CML_MAX_TYPES], cd[3 * CML_MAX_TYPES];
	(void)problem_objective(&p, x, grad);
	problem_eval_constraints(&p, x, cu, jac);
	double worst = 0.0;
	for (int v = 0; v < nv; v++) {
		double h = 1e-6 * fmax(1.0, fabs(x[v])), keep = x[v];
		x[v] = keep + h;
		double fu = problem_objective(&p, x, NULL);
		problem_eval_constraints(&p, x, cu, NULL);
		x[v] = keep - h;
		double fdn = problem_objective(&p, x, NULL);
		problem_eval_constraints(&p, x, cd, NULL);
		x[v] = keep;
		double scale = fmax(fabs(grad[v]), 1e-6);
		worst = fmax(worst, fabs((fu - fdn) / (2 * h) - grad[v]) / scale);
		for (int c = 0; c < nc; c++) {
			double exact = jac[c * nv + v];
			double fd = (cu[c] - cd[c]) / (2 * h);
			worst = fmax(worst, fabs(fd - exact) / fmax(fabs(exact), 1e-6));
		}
	}
	assert_true(worst < 1e-6);

	/* unpack(pack(m, t)) gives back m and u = t - c m. */
	double m2[CML_MAX_TYPES], u2[CML_MAX_TYPES];
	problem_unpack(&p, x, m2, u2);
	for (int i = 0; i < types; i++) {
		assert_true(test_rel(m2[i], m[i]) < 1e-12);
		assert_true(fabs(u2[i] - (t[i] - cost[i] * m[i])) < 1e-9);
	}
	model_free(&mdl);
}

static void check_problem(int n, int types, struct test_rng *rng)
{
	check_problem_valued(n, types, rng, NULL);
}

/* The same with the non-linear valuations. */
static void test_jacobian_non_linear_valuations(void **state)
{
	(void)state;
	struct test_rng rng = { 29 };
	struct valuation val;

	valuation_init_default(&val, valuation_family_find("power"));
	val.param[1] = 0.25;
	check_problem_valued(10, 5, &rng, &val);
	check_problem_valued(3, 3, &rng, &val);
	valuation_init_default(&val, valuation_family_find("cara"));
	val.param[1] = 4;
	check_problem_valued(10, 5, &rng, &val);
	check_problem_valued(1, 2, &rng, &val);
}

static void test_jacobian_matches_finite_differences(void **state)
{
	(void)state;
	struct test_rng rng = { 23 };
	check_problem(10, 5, &rng);
	check_problem(3, 3, &rng);
	check_problem(1, 2, &rng);
	check_problem(20, 1, &rng);
	check_problem(6, 4, &rng);
}

/* The cheapest rewards meet every IR and IC constraint exactly. */
static void test_min_rewards_are_feasible_and_tight(void **state)
{
	(void)state;
	double cost[4] = { 0.2, 0.1, 0.03, 0.01 }, prob[4] = { .25, .25, .25, .25 };
	double m[4] = { 50, 400, 400, 2000 }, t[4], tbar[4] = { 1e9, 1e9, 1e9, 1e9 };
	struct scenario sc;
	struct model mdl;

	test_scenario(&sc, 3, 4, cost, prob);
	test_model(&mdl, &sc);
	menu_min_rewards(&mdl, m, t);
	assert_true(problem_max_violation(&mdl, m, t, tbar) <= 1e-12);
	/* Lowering any reward breaks IR or IC. */
	for (int i = 0; i < 4; i++) {
		t[i] -= 1e-6;
		assert_true(problem_max_violation(&mdl, m, t, tbar) > 5e-7);
		t[i] += 1e-6;
	}
	model_free(&mdl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jacobian_matches_finite_differences),
		cmocka_unit_test(test_jacobian_non_linear_valuations),
		cmocka_unit_test(test_min_rewards_are_feasible_and_tight),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
