/*
 * test-envelope.c - the relaxation behind the global phase: the concave
 * envelope of a over an interval, the relaxed moments and their
 * derivatives, and what the solver reports about global optimality.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dual-bound.h"
#include "envelope.h"
#include "moments.h"
#include "problem.h"
#include "testutil.h"

/* The envelope at s, evaluating a itself. */
static double env_at(const struct accuracy *acc, const struct envelope *env,
		     double s, double *slope)
{
	double d1, a = accuracy_eval(acc, s, &d1, NULL);

	return envelope_eval(env, s, a, d1, slope);
}

/*
 * Over random intervals: the envelope lies on or above a, is concave
 * (midpoint test on random pairs), meets a at the ends, touches a at the
 * knot with a's slope (a tangent), and its slope matches a finite
 * difference.
 */
static void test_envelope_is_concave_majorant(void **state)
{
	(void)state;
	struct test_rng rng = { 11 };
	struct accuracy acc;
	double z;

	for (int family = 0; family < 3; family++) {
		accuracy_init_default(&acc, accuracy_families[0]);
		if (family == 1)
			acc.param[1] = 0.1; /* k */
		if (family == 2)
			acc.param[0] = 0.6; /* a_opt */
		char why[128];
		assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)), 0);
		z = acc.zero_below;
		for (int trial = 0; trial < 300; trial++) {
			double lo = z * 1.5 * test_uniform(&rng);
			double hi = trial % 5 == 0 ? HUGE_VAL :
				    lo + z * 20.0 * test_uniform(&rng);
			struct envelope env;
			envelope_build(&acc, lo, hi, &env);
			double top = isfinite(hi) ? hi : 50.0 * z + lo;
			for (int k = 0; k < 20; k++) {
				double x = lo + (top - lo) * test_uniform(&rng);
				double y = lo + (top - lo) * test_uniform(&rng);
				double sx, sy, sm, a = accuracy_eval(&acc, x, NULL, NULL);
				double ex = env_at(&acc, &env, x, &sx);
				double ey = env_at(&acc, &env, y, &sy);
				double em = env_at(&acc, &env, 0.5 * (x + y), &sm);
				assert_true(ex >= a - 1e-14);
				assert_true(em >= 0.5 * (ex + ey) - 1e-12);
				/* Slope against a central difference. */
				double h = 1e-6 * fmax(1.0, x), s1, s2;
				if (x - h > lo && fabs(x - env.knot) > 2 * h &&
				    fabs(x - z) > 2 * h) {
					double fd = (env_at(&acc, &env, x + h, &s1) -
						     env_at(&acc, &env, x - h, &s2)) / (2 * h);
					assert_true(fabs(fd - sx) <=
						    1e-5 * fmax(1e-3, fabs(sx)));
				}
			}
			double s;
			assert_true(fabs(env_at(&acc, &env, lo, &s) -
					 accuracy_eval(&acc, lo, NULL, NULL)) < 1e-14);
			if (env.exact || env.zero)
				continue;
			/* The line reaches a at the knot, tangent unless a chord. */
			double d1, a_knot = accuracy_eval(&acc, env.knot, &d1, NULL);
			assert_true(fabs(env.slope * (env.knot - lo) - a_knot) <
				    1e-12);
			if (env.knot < top)
				assert_true(fabs(env.slope - d1) <= 1e-9 * d1);
			else /* a chord: the tangent would touch beyond hi */
				assert_true(env.slope <= d1 * (1 + 1e-12));
		}
	}
}

/* The three degenerate cases are what the header says. */
static void test_envelope_cases(void **state)
{
	(void)state;
	struct accuracy acc;
	struct envelope env;
	char why[64];
	double s;

	accuracy_init_default(&acc, accuracy_families[0]);
	assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)), 0);
	double z = acc.zero_below;
	envelope_build(&acc, 0.0, 0.9 * z, &env);
	assert_true(env.zero);
	assert_true(env_at(&acc, &env, 0.5 * z, &s) == 0.0 && s == 0.0);
	envelope_build(&acc, 1.1 * z, HUGE_VAL, &env);
	assert_true(env.exact);
	envelope_build(&acc, 0.0, 1.2 * z, &env);
	assert_false(env.exact || env.zero);
	assert_true(env.knot == 1.2 * z); /* a chord */
	envelope_build(&acc, 0.0, HUGE_VAL, &env);
	assert_true(env.knot > z && isfinite(env.knot)); /* a tangent */
	/* Tangent from the origin: a(s*) / s* is the largest a(s) / s. */
	double best = 0.0;
	for (double x = z; x < 100 * z; x *= 1.001)
		best = fmax(best, accuracy_eval(&acc, x, NULL, NULL) / x);
	assert_true(fabs(env.slope - best) < 1e-6 * best);
	assert_true(env.slope >= best * (1 - 1e-12));
}

/* Relaxed moments: never below the exact ones; gradients match FD. */
static void test_relaxed_moments(void **state)
{
	(void)state;
	struct test_rng rng = { 5 };
	const double cost[3] = { 0.9, 0.2, 0.02 }, prob[3] = { 0.5, 0.3, 0.2 };
	struct scenario sc;
	struct model mdl;
	struct envelope env;

	test_scenario(&sc, 4, 3, cost, prob);
	test_model(&mdl, &sc);
	envelope_build(&mdl.accuracy, 0.0, HUGE_VAL, &env);
	for (int trial = 0; trial < 50; trial++) {
		double m[3], total = 0.0;
		for (int i = 0; i < 3; i++) {
			total += 200.0 * test_uniform(&rng);
			m[i] = total;
		}
		struct moments exact, relaxed, plus, minus;
		moments_eval(&mdl, m, false, &exact);
		moments_eval_relaxed(&mdl, m, &env, true, true, &relaxed);
		assert_true(relaxed.expected_accuracy >=
			    exact.expected_accuracy - 1e-15);
		for (int i = 0; i < 3; i++)
			assert_true(relaxed.tbar[i] >= exact.tbar[i] - 1e-12);
		for (int j = 0; j < 3; j++) {
			double h = 1e-5 * fmax(1.0, m[j]), mp[3], mm[3];
			memcpy(mp, m, sizeof(mp));
			memcpy(mm, m, sizeof(mm));
			mp[j] += h;
			mm[j] -= h;
			moments_eval_relaxed(&mdl, mp, &env, true, false, &plus);
			moments_eval_relaxed(&mdl, mm, &env, true, false, &minus);
			double fd = (plus.expected_accuracy - minus.expected_accuracy) /
				    (2 * h);
			assert_true(fabs(fd - relaxed.accuracy_grad[j]) <=
				    1e-5 * fmax(1e-6, fabs(fd)) + 1e-9);
			for (int i = 0; i < 3; i++) {
				fd = (plus.tbar[i] - minus.tbar[i]) / (2 * h);
				assert_true(fabs(fd - relaxed.tbar_grad[i][j]) <=
					    1e-5 * fmax(1e-4, fabs(fd)) + 1e-7);
			}
		}
	}
	model_free(&mdl);
}

/*
 * Issue 7's reproduction: SLSQP alone stops at a local optimum (56.929);
 * the global phase finds 57.680 and certifies it, warm or cold.  Without
 * the phase the solver must not claim optimality.
 */
static void test_global_phase_on_two_optima(void **state)
{
	(void)state;
	const double cost[2] = { 1.69857, 0.216332 };
	const double prob[2] = { 0.765457349141, 0.23454265085899995 };
	struct scenario sc;
	struct model mdl;
	struct contract local, global, warm;
	struct solver *s = solver_create();

	test_scenario(&sc, 8, 2, cost, prob);
	test_model(&mdl, &sc);
	solver_set_global(s, false);
	assert_int_equal(contract_solve(s, &mdl, NULL, false, &local),
			 SOLVER_LOCAL);
	assert_false(local.stats.certified);
	solver_set_global(s, true);
	assert_int_equal(contract_solve(s, &mdl, NULL, false, &global), SOLVER_OK);
	assert_true(global.stats.certified);
	assert_true(fabs(global.expected_value - 57.680349) < 1e-6);
	/* Tight, though a box closed by convergence reports its dual bound
	   (2.6e-9 above here) rather than the converged value. */
	assert_true(global.stats.objective_bound >= global.expected_accuracy);
	assert_true(global.stats.objective_bound <=
		    global.expected_accuracy * (1 + 1e-8));
	assert_true(global.expected_value > local.expected_value + 0.7);
	/* Warm-started from the local optimum: the phase still moves it. */
	assert_int_equal(contract_solve(s, &mdl, &local, false, &warm), SOLVER_OK);
	assert_true(fabs(warm.expected_value - global.expected_value) <
		    1e-9 * global.expected_value);
	solver_free(s);
	model_free(&mdl);
}

/*
 * The dual bound is a bound: from any point of the box, feasible or not,
 * it is at least the relaxed objective of every feasible contract - here
 * the solver's optimum and the stand-alone contract - and at the
 * relaxation's optimum it is tight.
 */
static void test_dual_bound_is_a_bound(void **state)
{
	(void)state;
	struct test_rng rng = { 99 };
	const double cost[3] = { 0.9, 0.2, 0.02 }, prob[3] = { 0.5, 0.3, 0.2 };
	struct scenario sc;
	struct model mdl;
	struct contract best;
	struct envelope env;
	struct problem p;

	test_scenario(&sc, 4, 3, cost, prob);
	test_model(&mdl, &sc);
	assert_int_equal(test_solve(&mdl, false, &best), SOLVER_OK);
	envelope_build(&mdl.accuracy, 0.0, HUGE_VAL, &env);
	problem_init(&p, &mdl, best.solution.m);
	problem_set_relaxation(&p, &env, true);
	int n = problem_variables(&p);
	double lo[2 * CML_MAX_TYPES], hi[2 * CML_MAX_TYPES], x[2 * CML_MAX_TYPES];
	double top = 2.0 * mdl.value_scale / mdl.cost[mdl.ntypes - 1];
	for (int k = 0; k < n; k++) {
		lo[k] = 0.0;
		hi[k] = k < mdl.ntypes ? top / p.scale_d[k] : 2.0;
	}
	/* The relaxed objective of the solver's contract. */
	problem_pack(&p, best.solution.m, best.solution.t, x);
	double relaxed_best = problem_objective(&p, x, NULL);
	assert_true(relaxed_best >= best.expected_accuracy - 1e-15);
	for (int trial = 0; trial < 200; trial++) {
		for (int k = 0; k < n; k++)
			x[k] = lo[k] + (trial % 3 == 0 ? 0.05 : 1.0) *
					       (hi[k] - lo[k]) * test_uniform(&rng);
		double bound = dual_bound(&p, x, lo, hi);
		assert_true(bound >= relaxed_best - 1e-12);
	}
	model_free(&mdl);
}

/* The paper's scenarios settle at the root, by dual bounds alone. */
static void test_paper_scenarios_settle_at_root(void **state)
{
	(void)state;
	const double costs[3][5] = {
		{ 0.2, 0.16, 0.12, 0.08, 0.04 },
		{ 1.0, 0.85, 0.7, 0.55, 0.4 },
		{ 0.5, 0.4, 0.03, 0.02, 0.001 },
	};
	const double prob[5] = { 0.2, 0.2, 0.2, 0.2, 0.2 };

	for (int k = 0; k < 3; k++) {
		struct scenario sc;
		struct model mdl;
		struct contract c;
		test_scenario(&sc, 10, 5, costs[k], prob);
		test_model(&mdl, &sc);
		assert_int_equal(test_solve(&mdl, false, &c), SOLVER_OK);
		assert_true(c.stats.certified);
		assert_false(c.stats.by_convergence); /* by dual bounds */
		assert_true(c.stats.nodes <= 3);      /* the root box alone */
		model_free(&mdl);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_envelope_is_concave_majorant),
		cmocka_unit_test(test_envelope_cases),
		cmocka_unit_test(test_relaxed_moments),
		cmocka_unit_test(test_dual_bound_is_a_bound),
		cmocka_unit_test(test_global_phase_on_two_optima),
		cmocka_unit_test(test_paper_scenarios_settle_at_root),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
