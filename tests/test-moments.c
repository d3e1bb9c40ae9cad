/*
 * test-moments.c - the outcome set and the exact expectations.
 */
#include <float.h>
#include <math.h>
#include <string.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "moments.h"
#include "testutil.h"

static void test_outcome_counts_and_weights(void **state)
{
	(void)state;
	struct test_rng rng = { 7 };

	for (int trial = 0; trial < 30; trial++) {
		int types = test_int(&rng, 1, 6), n = test_int(&rng, 1, 25);
		double prob[CML_MAX_TYPES], sum = 0.0;
		struct outcome_set set;
		struct cml_error err;
		for (int i = 0; i < types; i++)
			sum += prob[i] = 0.05 + test_uniform(&rng);
		for (int i = 0; i < types; i++)
			prob[i] /= sum;
		assert_int_equal(outcomes_enumerate(&set, n, types, prob, &err), 0);
		assert_int_equal(set.count, scenario_outcome_count(n, types));
		double total = 0.0;
		for (size_t r = 0; r < set.count; r++) {
			const uint16_t *row = outcomes_row(&set, r);
			int heads = 0;
			for (int i = 0; i < types; i++)
				heads += row[i];
			assert_int_equal(heads, n);
			/* Rows are distinct: lexicographic and strictly so. */
			if (r > 0)
				assert_true(memcmp(outcomes_row(&set, r - 1), row,
						   (size_t)types * 2) != 0);
			total += set.weight[r];
		}
		assert_true(fabs(total - 1.0) < 1e-12);
		for (int i = 0; i < types; i++) {
			double exact = 1.0 - pow(1.0 - prob[i], n);
			assert_true(test_rel(set.present_mass[i], exact) < 1e-12);
		}
		outcomes_free(&set);
	}
	assert_int_equal(scenario_outcome_count(10, 5), 1001);
}

/* Neumaier's compensated sum of n values: the test's own, exact enough. */
static double careful_sum(const double *x, size_t n)
{
	double sum = 0.0, c = 0.0;

	for (size_t i = 0; i < n; i++) {
		double t = sum + x[i];
		c += fabs(sum) >= fabs(x[i]) ? (sum - t) + x[i] :
					       (x[i] - t) + sum;
		sum = t;
	}
	return sum + c;
}

/*
 * At large N the weights still sum to 1 to rounding (they were off by
 * 3e-10 at N = 10,000 from summed log-factorials), and so does each
 * present mass to its exact 1 - (1 - p_i)^N.  The objective follows: with
 * equal contributions S = N m in every outcome, so E[a(S)] is a(N m).
 */
static void test_weights_normalised_at_large_n(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 10000, 2 }, { 10000, 1 },
					{ 1000, 3 }, { 100, 4 } };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		int n = sizes[k][0], types = sizes[k][1];
		double cost[CML_MAX_TYPES] = { 0 }, prob[CML_MAX_TYPES] = { 0 };
		double m[CML_MAX_TYPES], sum = 0.0;
		struct scenario sc;
		struct model mdl;
		struct moments mom;

		for (int i = 0; i < types; i++) {
			cost[i] = 0.5 / (i + 1);
			sum += prob[i] = 1.0 + i;
			m[i] = 0.02;
		}
		for (int i = 0; i < types; i++)
			prob[i] /= sum;
		test_scenario(&sc, n, types, cost, prob);
		sc.method = METHOD_EXACT; /* auto goes approx past 200,000 */
		test_model(&mdl, &sc);
		const struct outcome_set *set = &mdl.outcomes;
		double total = careful_sum(set->weight, set->count);
		if (fabs(total - 1.0) > 8 * DBL_EPSILON)
			fail_msg("N = %d, %d types: weights sum to 1 %+.3g", n,
				 types, total - 1.0);
		for (int i = 0; i < types; i++) {
			double exact = -expm1(n * log1p(-prob[i]));
			assert_true(test_rel(set->present_mass[i], exact) <
				    8 * DBL_EPSILON);
		}
		moments_eval(&mdl, m, false, &mom);
		double a = accuracy_eval(&mdl.accuracy, n * 0.02, NULL, NULL);
		if (test_rel(mom.expected_accuracy, a) > 1e-14)
			fail_msg("N = %d, %d types: E[a] = %.17g, a(N m) = "
				 "%.17g", n, types, mom.expected_accuracy, a);
		model_free(&mdl);
	}
}

/* Two types: E[a(S)] and tbar by the binomial formula, independently. */
static void test_two_type_expectations(void **state)
{
	(void)state;
	double cost[2] = { 0.02, 0.01 }, prob[2] = { 0.3, 0.7 };
	double m[2] = { 900.0, 3000.0 };
	struct scenario sc;
	struct model mdl;
	struct moments mom;
	int n = 12;

	test_scenario(&sc, n, 2, cost, prob);
	test_model(&mdl, &sc);
	moments_eval(&mdl, m, false, &mom);
	double ea = 0, t1 = 0, t2 = 0, p1 = 0, p2 = 0;
	for (int k = 0; k <= n; k++) { /* k parties of type 1 */
		double w = exp(lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) +
			       k * log(prob[0]) + (n - k) * log(prob[1]));
		double a = accuracy_eval(&mdl.accuracy, k * m[0] + (n - k) * m[1],
					 NULL, NULL);
		ea += w * a;
		if (k >= 1) {
			t1 += w * 100 * a;
			p1 += w;
		}
		if (k <= n - 1) {
			t2 += w * 100 * a;
			p2 += w;
		}
	}
	assert_true(test_rel(mom.expected_accuracy, ea) < 1e-12);
	assert_true(test_rel(mom.tbar[0], t1 / p1) < 1e-12);
	assert_true(test_rel(mom.tbar[1], t2 / p2) < 1e-12);
	model_free(&mdl);
}

/*
 * Gradients of E[a] and tbar against central differences, with v and a
 * from val and acc (NULL: the defaults).  Returns the worst relative
 * error.
 */
static double check_gradients_with(int n, int types, struct test_rng *rng,
				   const struct valuation *val,
				   const struct accuracy *acc)
{
	/* Zeroed: GCC -O1 cannot see that types >= 1 fills them. */
	double cost[CML_MAX_TYPES] = { 0 }, prob[CML_MAX_TYPES] = { 0 };
	double m[CML_MAX_TYPES];
	double sum = 0.0, worst = 0.0;
	struct scenario sc;
	struct model mdl;
	struct moments mom, up, down;

	for (int i = 0; i < types; i++) {
		cost[i] = 0.5 / (i + 1);
		sum += prob[i] = 0.1 + test_uniform(rng);
		m[i] = 200.0 + 400.0 * i + 100 * test_uniform(rng);
	}
	for (int i = 0; i < types; i++)
		prob[i] /= sum;
	test_scenario(&sc, n, types, cost, prob);
	if (val != NULL)
		sc.valuation = *val;
	if (acc != NULL)
		sc.accuracy = *acc;
	test_model(&mdl, &sc);
	moments_eval(&mdl, m, true, &mom);
	for (int j = 0; j < types; j++) {
		double h = 1e-4 * m[j], keep = m[j];
		m[j] = keep + h;
		moments_eval(&mdl, m, false, &up);
		m[j] = keep - h;
		moments_eval(&mdl, m, false, &down);
		m[j] = keep;
		double fd = (up.expected_accuracy - down.expected_accuracy) / (2 * h);
		worst = fmax(worst, fabs(fd - mom.accuracy_grad[j]) /
					    fabs(mom.accuracy_grad[j]));
		for (int i = 0; i < types; i++) {
			fd = (up.tbar[i] - down.tbar[i]) / (2 * h);
			/*
			 * Where v is flat (cara, large lambda) tbar_i's own
			 * rounding, ulp(tbar_i) / h, swamps the difference:
			 * count only the error beyond it.
			 */
			double noise = 8 * DBL_EPSILON * fabs(mom.tbar[i]) / h;
			worst = fmax(worst, fmax(fabs(fd - mom.tbar_grad[i][j]) -
							 noise, 0.0) /
						    fmax(fabs(mom.tbar_grad[i][j]), 1e-12));
		}
	}
	if (!(worst < 1e-6))
		fail_msg("N %d, %d types, valuation %s: worst gradient error "
			 "%g", n, types, sc.valuation.family->name, worst);
	model_free(&mdl);
	return worst;
}

static void check_gradients(int n, int types, struct test_rng *rng)
{
	(void)check_gradients_with(n, types, rng, NULL, NULL);
}

/*
 * d tbar_i / d m_j = E_i[n_j v'(a(S)) a'(S)] for every valuation family
 * (at the corners of its parameter box) and every accuracy family, on
 * the per-outcome and the per-pattern paths.
 */
static void test_gradients_every_valuation(void **state)
{
	(void)state;
	struct test_rng rng = { 19 };

	for (int g = 0; valuation_families[g] != NULL; g++) {
		const struct valuation_family *vf = valuation_families[g];
		double worst = 0.0;
		for (int q = 0; q < 1 << vf->nparams; q++) {
			struct valuation val;
			valuation_init_default(&val, vf);
			for (int i = 0; i < vf->nparams; i++)
				val.param[i] = (q >> i) & 1 ? vf->params[i].max :
							      vf->params[i].min;
			for (int f = 0; accuracy_families[f] != NULL; f++) {
				struct accuracy acc;
				accuracy_init_default(&acc, accuracy_families[f]);
				/* exp's default m0 = 100 would be flat here. */
				int m0 = accuracy_param_index(acc.family, "m0");
				if (m0 >= 0)
					acc.param[m0] = 2000;
				worst = fmax(worst, check_gradients_with(
					2, 5, &rng, &val, &acc));
				worst = fmax(worst, check_gradients_with(
					10, 5, &rng, &val, &acc));
				worst = fmax(worst, check_gradients_with(
					30, 2, &rng, &val, &acc));
			}
		}
		print_message("%s: worst relative gradient error %.2g\n",
			      vf->name, worst);
	}
}

static void test_gradients_direct_path(void **state)
{
	(void)state;
	struct test_rng rng = { 11 };
	check_gradients(2, 5, &rng); /* few outcomes: per-outcome sums */
	check_gradients(1, 3, &rng);
}

static void test_gradients_pattern_path(void **state)
{
	(void)state;
	struct test_rng rng = { 13 };
	check_gradients(10, 5, &rng); /* many outcomes: per-pattern sums */
	check_gradients(40, 2, &rng);
}

/*
 * Every budget against a plain loop over the outcomes, on sizes that take
 * the per-outcome path (few outcomes) and the per-pattern path (many).
 */
static void check_budgets_brute_force(const struct valuation *val)
{
	const int sizes[][2] = { { 2, 5 }, { 3, 4 }, { 10, 5 }, { 25, 3 } };
	struct test_rng rng = { 17 };

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s][0], types = sizes[s][1];
		double cost[CML_MAX_TYPES], prob[CML_MAX_TYPES], m[CML_MAX_TYPES];
		double sum = 0.0, value[CML_MAX_TYPES] = { 0 },
		       mass[CML_MAX_TYPES] = { 0 }, ea = 0.0;
		struct scenario sc;
		struct model mdl;
		struct moments mom;
		for (int i = 0; i < types; i++) {
			cost[i] = 1.0 / (i + 2);
			sum += prob[i] = 0.1 + test_uniform(&rng);
			m[i] = 100.0 * (i + 1) + 50 * test_uniform(&rng);
		}
		for (int i = 0; i < types; i++)
			prob[i] /= sum;
		test_scenario(&sc, n, types, cost, prob);
		sc.valuation = *val;
		test_model(&mdl, &sc);
		moments_eval(&mdl, m, true, &mom);
		double ev = 0.0;
		for (size_t r = 0; r < mdl.outcomes.count; r++) {
			const uint16_t *row = outcomes_row(&mdl.outcomes, r);
			double total = 0.0, w = mdl.outcomes.weight[r];
			for (int j = 0; j < types; j++)
				total += row[j] * m[j];
			double a = accuracy_eval(&mdl.accuracy, total, NULL, NULL);
			double v = valuation_eval(val, a, NULL, NULL);
			ea += w * a;
			ev += w * v;
			for (int i = 0; i < types; i++)
				if (row[i] > 0) {
					value[i] += w * v;
					mass[i] += w;
				}
		}
		assert_true(test_rel(mom.expected_accuracy, ea) < 1e-12);
		assert_true(test_rel(mom.expected_value, ev) < 1e-12);
		for (int i = 0; i < types; i++)
			assert_true(test_rel(mom.tbar[i], value[i] / mass[i]) < 1e-12);
		model_free(&mdl);
	}
}

/* With each valuation family: tbar_i = E_i[v(a(S))], v non-linear too. */
static void test_budgets_match_brute_force(void **state)
{
	(void)state;
	struct valuation val;

	valuation_init_default(&val, valuation_family_find("linear"));
	check_budgets_brute_force(&val);
	valuation_init_default(&val, valuation_family_find("power"));
	val.param[1] = 0.3;
	check_budgets_brute_force(&val);
	valuation_init_default(&val, valuation_family_find("cara"));
	val.param[1] = 5;
	check_budgets_brute_force(&val);
}

/*
 * 64 types at N = 2 (2080 outcomes): every row's presence mask has the
 * bit of each type present, types 33 to 64 included, and the budgets of
 * the last types are finite and match a direct sum over the rows.
 */
static void test_presence_mask_most_types(void **state)
{
	(void)state;
	double cost[CML_MAX_TYPES], prob[CML_MAX_TYPES], m[CML_MAX_TYPES];
	struct scenario sc;
	struct model mdl;
	struct moments mom;

	for (int i = 0; i < CML_MAX_TYPES; i++) {
		cost[i] = pow(0.9, i);
		prob[i] = 1.0 / CML_MAX_TYPES;
		m[i] = 10.0 + i;
	}
	test_scenario(&sc, 2, CML_MAX_TYPES, cost, prob);
	test_model(&mdl, &sc);
	const struct outcome_set *set = &mdl.outcomes;
	assert_int_equal(set->count, 2080);
	double value_last = 0.0, mass_last = 0.0;
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		uint64_t want = 0;
		for (int i = 0; i < CML_MAX_TYPES; i++)
			if (row[i] > 0)
				want |= (uint64_t)1 << i;
		if (set->present[r] != want)
			fail_msg("row %zu: mask %#llx, want %#llx", r,
				 (unsigned long long)set->present[r],
				 (unsigned long long)want);
		if (row[CML_MAX_TYPES - 1] > 0) {
			value_last += set->weight[r] *
				      moments_outcome_value(&mdl, m, r);
			mass_last += set->weight[r];
		}
	}
	double exact = -expm1(2 * log1p(-prob[CML_MAX_TYPES - 1]));
	assert_true(test_rel(set->present_mass[CML_MAX_TYPES - 1], exact) <
		    8 * DBL_EPSILON);
	moments_eval(&mdl, m, true, &mom);
	assert_true(test_rel(mom.tbar[CML_MAX_TYPES - 1],
			     value_last / mass_last) < 1e-12);
	for (int i = 0; i < CML_MAX_TYPES; i++)
		assert_true(isfinite(mom.tbar[i]) &&
			    isfinite(mom.tbar_grad[i][CML_MAX_TYPES - 1]));
	model_free(&mdl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcome_counts_and_weights),
		cmocka_unit_test(test_weights_normalised_at_large_n),
		cmocka_unit_test(test_two_type_expectations),
		cmocka_unit_test(test_gradients_direct_path),
		cmocka_unit_test(test_gradients_every_valuation),
		cmocka_unit_test(test_gradients_pattern_path),
		cmocka_unit_test(test_budgets_match_brute_force),
		cmocka_unit_test(test_presence_mask_most_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
