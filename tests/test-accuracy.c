/*
 * test-accuracy.c - the accuracy family, its derivatives, the valuation
 * and the reservation levels.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "accuracy.h"
#include "reservation.h"
#include "valuation.h"

static struct accuracy sgb(double a_opt, double k)
{
	struct accuracy acc;
	char why[128];

	accuracy_init_default(&acc, accuracy_family_find("sgb"));
	acc.param[accuracy_param_index(acc.family, "a_opt")] = a_opt;
	acc.param[accuracy_param_index(acc.family, "k")] = k;
	assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)), 0);
	return acc;
}

/* The formula of MODEL.md, written out independently. */
static double model_md_formula(double a_opt, double k, double m)
{
	if (m <= k * exp(-2.0))
		return 0.0;
	double value = a_opt - (sqrt(2 * k * (2 + log(m / k))) + 4) / sqrt(m);
	return value > 0 ? value : 0;
}

static void test_value_matches_model(void **state)
{
	(void)state;
	for (double k = 0.01; k <= 100; k *= 3.7)
		for (double a_opt = 0.1; a_opt <= 1.0; a_opt += 0.3) {
			struct accuracy acc = sgb(a_opt, k);
			for (double m = 1e-3; m < 1e9; m *= 1.9)
				assert_true(fabs(accuracy_eval(&acc, m, NULL, NULL) -
						 model_md_formula(a_opt, k, m)) <
					    1e-13);
		}
}

/* Central differences against the analytic a' and a''. */
static void test_derivatives_match_finite_differences(void **state)
{
	(void)state;
	double worst1 = 0, worst2 = 0;
	for (double k = 0.05; k <= 100; k *= 4.1) {
		struct accuracy acc = sgb(1.0, k);
		for (double m = acc.zero_below * 1.01; m < 1e8; m *= 1.37) {
			double d1, d2, d1p, d1m;
			double h = 1e-5 * m;
			(void)accuracy_eval(&acc, m, &d1, &d2);
			double fp = accuracy_eval(&acc, m + h, &d1p, NULL);
			double fm = accuracy_eval(&acc, m - h, &d1m, NULL);
			double fd1 = (fp - fm) / (2 * h);
			double fd2 = (d1p - d1m) / (2 * h);
			worst1 = fmax(worst1, fabs(fd1 - d1) / fabs(d1));
			worst2 = fmax(worst2, fabs(fd2 - d2) / fabs(d2));
		}
	}
	assert_true(worst1 < 1e-7);
	assert_true(worst2 < 1e-6);
}

/* Zero up to the threshold, then increasing and concave. */
static void test_shape(void **state)
{
	(void)state;
	for (double k = 0.01; k <= 100; k *= 2.3)
		for (double a_opt = 0.05; a_opt <= 1.0; a_opt += 0.19) {
			struct accuracy acc = sgb(a_opt, k);
			double z = acc.zero_below, d1, d2;
			assert_true(accuracy_eval(&acc, z, NULL, NULL) == 0.0);
			assert_true(accuracy_eval(&acc, z * 0.5, NULL, NULL) == 0.0);
			assert_true(accuracy_eval(&acc, z * (1 + 1e-9), NULL, NULL) >
				    0.0);
			for (double m = z * (1 + 1e-9); m < z * 1e9; m *= 1.5) {
				(void)accuracy_eval(&acc, m, &d1, &d2);
				assert_true(d1 > 0.0);
				assert_true(d2 < 0.0);
			}
		}
}

/* The solver's batch evaluation agrees with the scalar one everywhere. */
static void test_batch_matches_scalar(void **state)
{
	(void)state;
	double m[200], value[200], d1[200];

	for (double k = 0.02; k <= 100; k *= 5.3) {
		struct accuracy acc = sgb(0.8, k);
		for (int i = 0; i < 200; i++)
			m[i] = i == 0 ? 0.0 : acc.zero_below * pow(1.12, i - 20);
		accuracy_eval_batch(&acc, m, 200, value, d1);
		for (int i = 0; i < 200; i++) {
			double s1, s = accuracy_eval(&acc, m[i], &s1, NULL);
			assert_true(fabs(value[i] - s) <= 1e-15);
			assert_true(fabs(d1[i] - s1) <= 1e-13 * fabs(s1));
			assert_true((value[i] == 0.0) == (s == 0.0));
		}
	}
}

static void test_rejects_out_of_range_parameters(void **state)
{
	(void)state;
	struct accuracy acc;
	char why[128];

	accuracy_init_default(&acc, accuracy_families[0]);
	acc.param[0] = 1.5;
	assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)), -1);
	acc.param[0] = 1.0;
	acc.param[1] = 0.0;
	assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)), -1);
	acc.param[1] = NAN;
	assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)), -1);
	assert_null(accuracy_family_find("nope"));
}

static void test_linear_valuation(void **state)
{
	(void)state;
	struct valuation val;
	double d1, d2;

	valuation_init_default(&val, valuation_family_find("linear"));
	assert_true(valuation_eval(&val, 0.5, &d1, &d2) == 50.0);
	assert_true(d1 == 100.0 && d2 == 0.0);
	assert_true(valuation_inverse(&val, 50.0) == 0.5);
}

/* The paper's numbers and the exact stationary points (MODEL.md). */
static void test_reservation_levels(void **state)
{
	(void)state;
	struct accuracy acc = sgb(1, 1);
	struct valuation val;
	struct reservation r;
	double d1;

	valuation_init_default(&val, valuation_families[0]);
	reservation_compute(&acc, &val, 0.02, &r);
	assert_true(r.trains_alone);
	assert_true(fabs(r.contribution - 715.6) < 0.05);
	assert_true(fabs(r.value - 69.6) < 0.05);
	reservation_compute(&acc, &val, 0.01, &r);
	assert_true(fabs(r.contribution - 1148.389) < 0.001);
	assert_true(fabs(r.value - 75.6) < 0.05);
	/* Stationarity to 1e-10 relative for a spread of costs. */
	for (double c = 1e-4; c < 0.2; c *= 1.7) {
		reservation_compute(&acc, &val, c, &r);
		assert_true(r.trains_alone);
		(void)accuracy_eval(&acc, r.contribution, &d1, NULL);
		assert_true(fabs(100 * d1 - c) <= 1e-10 * c);
		/* It is a maximum: nearby amounts earn less. */
		for (double step = -0.01; step <= 0.01; step += 0.02) {
			double m = r.contribution * (1 + step);
			assert_true(100 * accuracy_eval(&acc, m, NULL, NULL) - c * m <
				    r.profit);
		}
	}
	/* Costly types do not train alone. */
	reservation_compute(&acc, &val, 0.4, &r);
	assert_false(r.trains_alone);
	assert_true(r.profit == 0.0 && r.contribution == 0.0);
}

/* Lower cost: weakly more data and weakly more profit (Prop. 1). */
static void test_reservation_monotone_in_cost(void **state)
{
	(void)state;
	struct accuracy acc = sgb(0.9, 3);
	struct valuation val;
	struct reservation prev = { 0 }, r;

	valuation_init_default(&val, valuation_families[0]);
	for (double c = 2.0; c > 1e-4; c *= 0.8) {
		reservation_compute(&acc, &val, c, &r);
		assert_true(r.contribution >= prev.contribution);
		assert_true(r.profit >= prev.profit);
		prev = r;
	}
	assert_true(prev.trains_alone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_matches_model),
		cmocka_unit_test(test_derivatives_match_finite_differences),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_batch_matches_scalar),
		cmocka_unit_test(test_rejects_out_of_range_parameters),
		cmocka_unit_test(test_linear_valuation),
		cmocka_unit_test(test_reservation_levels),
		cmocka_unit_test(test_reservation_monotone_in_cost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
