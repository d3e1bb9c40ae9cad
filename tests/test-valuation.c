/*
 * test-valuation.c - the valuation families: v against its formula, v'
 * and v'' against central differences, v^-1 by round trip, and shape
 * (increasing, weakly concave), over every family's whole domain: every
 * corner of its parameter box plus seeded random points, and accuracies
 * from 0 (and the power family's knee) up to 1.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"
#include "valuation.h"

#define RANDOM_POINTS 24
/* The power family is linear below this accuracy (valuation.c). */
#define POWER_KNEE 1e-12

static struct valuation family_point(const struct valuation_family *family,
				     int p, struct test_rng *rng)
{
	struct valuation val;
	char why[128];
	int corners = 1 << family->nparams;

	valuation_init_default(&val, family);
	for (int i = 0; i < family->nparams; i++) {
		const struct param_desc *d = &family->params[i];
		double lo = d->min_open ? nextafter(d->min, d->max) : d->min;
		double u = p < corners ? (double)((p >> i) & 1) :
					 test_uniform(rng);
		val.param[i] = d->max / lo > 10.0 ? lo * pow(d->max / lo, u) :
						    lo + (d->max - lo) * u;
		if (p < corners)
			val.param[i] = u == 0.0 ? lo : d->max;
	}
	if (valuation_prepare(&val, why, sizeof(why)) != 0)
		fail_msg("%s point %d refused: %s", family->name, p, why);
	return val;
}

static int family_points(const struct valuation_family *family)
{
	return (1 << family->nparams) + RANDOM_POINTS;
}

/* The formulas of the issue, written out independently of valuation.c. */
static double written_out(const struct valuation *val, double x)
{
	const char *name = val->family->name;
	const double *p = val->param;

	if (strcmp(name, "linear") == 0)
		return p[0] * x;
	if (strcmp(name, "power") == 0)
		return p[0] * pow(x, p[1]);
	if (strcmp(name, "cara") == 0)
		return p[0] * expm1(-p[1] * x) / expm1(-p[1]);
	fail_msg("no written-out formula for %s", name);
	return 0;
}

/*
 * The accuracies a test visits: three below the power family's knee,
 * log-spaced from 1e-11, then linear to 1.
 */
static int accuracy_points(double *x, int max)
{
	int n = 0;

	x[n++] = 1e-15;
	x[n++] = 1e-13;
	x[n++] = 0.5 * POWER_KNEE;

	for (double e = -11; e < 0 && n < max; e += 0.25)
		x[n++] = pow(10, e);
	for (int k = 1; k <= 40 && n < max; k++)
		x[n++] = k / 40.0;
	return n;
}

static void test_formula_and_derivatives(void **state)
{
	(void)state;
	struct test_rng rng = { 1201 };
	double x[128];
	int nx = accuracy_points(x, 128);

	for (int f = 0; valuation_families[f] != NULL; f++) {
		const struct valuation_family *family = valuation_families[f];
		double worst_value = 0, worst_d1 = 0, worst_d2 = 0;
		double raw_d1 = 0, raw_d2 = 0; /* before the rounding allowance */
		for (int p = 0; p < family_points(family); p++) {
			struct valuation val = family_point(family, p, &rng);
			for (int k = 0; k < nx; k++) {
				double d1, d2, lo1, hi1;
				double v = valuation_eval(&val, x[k], &d1, &d2);
				/* Below the knee power is its quadratic. */
				bool formula = x[k] >= POWER_KNEE ||
					       strcmp(family->name, "power") != 0;
				double rel = formula ?
					test_rel(v, written_out(&val, x[k])) : 0.0;
				worst_value = fmax(worst_value, rel);
				if (!(rel < 1e-13))
					fail_msg("%s p%d x %g: v %.17g", family->name,
						 p, x[k], v);
				/* Steps stay right of the power family's knee. */
				double h = 1e-5 * x[k];
				double lo = valuation_eval(&val, x[k] - h, &lo1, NULL);
				double hi = valuation_eval(&val, x[k] + h, &hi1, NULL);
				double fd1 = (hi - lo) / (2 * h);
				double fd2 = (hi1 - lo1) / (2 * h);
				/*
				 * Where v is flat the difference of two
				 * values of v rounds: allow for that.
				 */
				double noise1 = 4 * DBL_EPSILON * v / h;
				double noise2 = 4 * DBL_EPSILON * d1 / h;
				double e1 = fmax(fabs(fd1 - d1) - noise1, 0.0) /
					    fabs(d1);
				/* v'' may be 0: measure it on v''s scale. */
				double e2 = fmax(fabs(fd2 - d2) - noise2, 0.0) /
					    fmax(fabs(d2), 1e-300 + d1 / x[k]);
				raw_d1 = fmax(raw_d1, fabs(fd1 - d1) / fabs(d1));
				raw_d2 = fmax(raw_d2, fabs(fd2 - d2) /
						      fmax(fabs(d2), d1 / x[k]));
				worst_d1 = fmax(worst_d1, e1);
				worst_d2 = fmax(worst_d2, e2);
				if (!(e1 < 1e-7) || !(e2 < 1e-6))
					fail_msg("%s p%d x %g: v' %g (fd %g) v'' %g (fd %g)",
						 family->name, p, x[k], d1, fd1,
						 d2, fd2);
			}
		}
		print_message("%s: worst relative error of v %.2g; of v' %.2g "
			      "(%.2g beyond rounding), v'' %.2g (%.2g)\n",
			      family->name, worst_value, raw_d1, worst_d1,
			      raw_d2, worst_d2);
	}
}

static void test_inverse_round_trip(void **state)
{
	(void)state;
	struct test_rng rng = { 1202 };
	double x[128];
	int nx = accuracy_points(x, 128);

	for (int f = 0; valuation_families[f] != NULL; f++) {
		const struct valuation_family *family = valuation_families[f];
		double worst = 0, raw = 0;
		for (int p = 0; p < family_points(family); p++) {
			struct valuation val = family_point(family, p, &rng);
			assert_true(valuation_eval(&val, 0.0, NULL, NULL) == 0.0);
			assert_true(valuation_inverse(&val, 0.0) == 0.0);
			for (int k = 0; k < nx; k++) {
				double d1;
				double y = valuation_eval(&val, x[k], &d1, NULL);
				double back = valuation_inverse(&val, y);
				/*
				 * Where v is flat (cara, large lambda) the
				 * rounding of y alone moves v^-1(y) by
				 * about ulp(y) / v'(x): measure beyond that.
				 */
				double allowed = 8 * DBL_EPSILON * y / d1;
				double rel = fmax(fabs(back - x[k]) - allowed,
						  0.0) / x[k];
				worst = fmax(worst, rel);
				raw = fmax(raw, fabs(back - x[k]) / x[k]);
				if (!(rel < 1e-11))
					fail_msg("%s p%d: v^-1(v(%g)) = %.17g",
						 family->name, p, x[k], back);
				/* And the other way round, on values. */
				double share = valuation_eval(
					&val, valuation_inverse(&val, 0.37 * y),
					NULL, NULL);
				assert_true(test_rel(share, 0.37 * y) < 1e-11);
			}
		}
		print_message("%s: worst round trip %.2g (%.2g beyond "
			      "rounding)\n", family->name, raw, worst);
	}
}

/*
 * Increasing, weakly concave (v' never rises), finite everywhere from 0:
 * the solver's evaluations must never see inf or NaN.
 */
static void test_shape_and_finite(void **state)
{
	(void)state;
	struct test_rng rng = { 1203 };

	for (int f = 0; valuation_families[f] != NULL; f++) {
		const struct valuation_family *family = valuation_families[f];
		for (int p = 0; p < family_points(family); p++) {
			struct valuation val = family_point(family, p, &rng);
			double last_v = -1, last_d1 = INFINITY;
			for (double x = 0; x <= 1.0; x = x < 1e-14 ? 1e-14 : x * 1.05) {
				double d1, d2;
				double v = valuation_eval(&val, x, &d1, &d2);
				assert_true(isfinite(v) && isfinite(d1) &&
					    isfinite(d2));
				assert_true(v > last_v || x == 0);
				assert_true(d1 > 0 &&
					    d1 <= last_d1 * (1 + 1e-14));
				assert_true(d2 <= 0);
				last_v = v;
				last_d1 = d1;
			}
			double top = valuation_eval(&val, 1.0, NULL, NULL);
			assert_true(test_rel(top, val.param[0]) < 1e-13);
			assert_true(isfinite(valuation_inverse(&val, top)));
		}
	}
}

/*
 * The power family's quadratic below the knee: v and v' continuous at
 * the knee, v'(0) finite, and v^-1 right on it.
 */
static void test_power_knee(void **state)
{
	(void)state;
	struct valuation val;

	valuation_init_default(&val, valuation_family_find("power"));
	val.param[1] = 0.2;
	double left_d1, right_d1;
	double left = valuation_eval(&val, POWER_KNEE * (1 - 1e-12), &left_d1,
				     NULL);
	double right = valuation_eval(&val, POWER_KNEE, &right_d1, NULL);
	assert_true(test_rel(left, right) < 1e-11);
	assert_true(test_rel(left_d1, right_d1) < 1e-11);
	double d1_zero;
	(void)valuation_eval(&val, 0.0, &d1_zero, NULL);
	assert_true(isfinite(d1_zero) && d1_zero < 1e13 && d1_zero > right_d1);
	for (double x = 1e-16; x < POWER_KNEE; x *= 1.7) {
		double y = valuation_eval(&val, x, NULL, NULL);
		assert_true(test_rel(valuation_inverse(&val, y), x) < 1e-12);
	}
	/* gamma = 1 is linear, exactly. */
	val.param[1] = 1.0;
	assert_true(valuation_is_linear(&val));
	assert_true(valuation_eval(&val, 0.3, NULL, NULL) == 100 * 0.3);
	val.param[1] = 0.999;
	assert_false(valuation_is_linear(&val));
}

/* Parameters outside their ranges are refused with their names. */
static void test_rejects_out_of_range(void **state)
{
	(void)state;
	struct valuation val;
	char why[128];

	valuation_init_default(&val, valuation_family_find("power"));
	val.param[valuation_param_index(val.family, "gamma")] = 0.1;
	assert_int_equal(valuation_prepare(&val, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "gamma"));
	val.param[valuation_param_index(val.family, "gamma")] = 1.01;
	assert_int_equal(valuation_prepare(&val, why, sizeof(why)), -1);
	valuation_init_default(&val, valuation_family_find("cara"));
	assert_false(valuation_is_linear(&val));
	val.param[valuation_param_index(val.family, "lambda")] = 0;
	assert_int_equal(valuation_prepare(&val, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "lambda"));
	val.param[valuation_param_index(val.family, "lambda")] = 21;
	assert_int_equal(valuation_prepare(&val, why, sizeof(why)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formula_and_derivatives),
		cmocka_unit_test(test_inverse_round_trip),
		cmocka_unit_test(test_shape_and_finite),
		cmocka_unit_test(test_power_knee),
		cmocka_unit_test(test_rejects_out_of_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
