/*
 * test-accuracy.c - the accuracy families, their derivatives, the
 * valuation and the reservation levels.
 *
 * The family-generic tests walk every family over its whole supported
 * domain: every corner of its parameter box and seeded random points in
 * it (log-uniform for ranges over a decade).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "accuracy.h"
#include "reservation.h"
#include "testutil.h"
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

/* Parameter points per family: every corner, then random ones. */
#define RANDOM_POINTS 24

/* Point p of family's domain: corners first (bit i: max of param i). */
static struct accuracy family_point(const struct accuracy_family *family,
				    int p, struct test_rng *rng)
{
	struct accuracy acc;
	char why[128];
	int corners = 1 << family->nparams;

	accuracy_init_default(&acc, family);
	for (int i = 0; i < family->nparams; i++) {
		const struct param_desc *d = &family->params[i];
		double lo = d->min_open ? nextafter(d->min, d->max) : d->min;
		double u = p < corners ? (double)((p >> i) & 1) :
					 test_uniform(rng);
		acc.param[i] = d->max / lo > 10.0 ? lo * pow(d->max / lo, u) :
						    lo + (d->max - lo) * u;
		if (p < corners)
			acc.param[i] = u == 0.0 ? lo : d->max;
	}
	if (accuracy_prepare(&acc, why, sizeof(why)) != 0)
		fail_msg("%s point %d refused: %s", family->name, p, why);
	return acc;
}

static int family_points(const struct accuracy_family *family)
{
	return (1 << family->nparams) + RANDOM_POINTS;
}

/* The formulas of the issue, written out independently of accuracy.c. */
static double written_out(const struct accuracy *acc, double m)
{
	const char *name = acc->family->name;
	const double *p = acc->param;
	double value = 0;

	if (strcmp(name, "sgb") == 0)
		return model_md_formula(p[0], p[1], m);
	if (strcmp(name, "power") == 0)
		value = m > 0 ? p[0] - p[1] * pow(m, -p[2]) : 0;
	else if (strcmp(name, "exp") == 0)
		value = p[0] * (1 - exp(-m / p[1]));
	else
		fail_msg("no written-out formula for %s", name);
	return value > 0 ? value : 0;
}

/* Where the curve starts rising: the threshold, or a scale of m for exp. */
static double rise_start(const struct accuracy *acc)
{
	if (acc->zero_below > 0.0)
		return acc->zero_below;
	return 1e-6 * acc->param[accuracy_param_index(acc->family, "m0")];
}

/* Every family: a, a' and a'' against the formula and central differences. */
static void test_every_family_derivatives(void **state)
{
	(void)state;
	struct test_rng rng = { 1101 };

	for (int f = 0; accuracy_families[f] != NULL; f++) {
		const struct accuracy_family *family = accuracy_families[f];
		double worst1 = 0, worst2 = 0;
		for (int p = 0; p < family_points(family); p++) {
			struct accuracy acc = family_point(family, p, &rng);
			double start = rise_start(&acc);
			double d1 = 1, d2, a = 0;
			/* Up to where the curve has saturated to rounding. */
			for (double m = start * 1.01;
			     m < start * 1e12 && d1 * m > 1e-13 * a; m *= 1.29) {
				double d1p, d1m, h = 1e-5 * m;
				a = accuracy_eval(&acc, m, &d1, &d2);
				double expect = written_out(&acc, m);
				if (!(fabs(a - expect) <= 1e-13 * fmax(expect, 1)))
					fail_msg("%s p%d: a(%g) %.17g, formula "
						 "%.17g", family->name, p, m, a,
						 expect);
				if (!(a > 0.0 && d1 > 0.0 && d2 < 0.0))
					fail_msg("%s p%d: a(%g) = %g, a' %g, "
						 "a'' %g: not increasing and "
						 "concave", family->name, p, m,
						 a, d1, d2);
				double fp = accuracy_eval(&acc, m + h, &d1p, NULL);
				double fm = accuracy_eval(&acc, m - h, &d1m, NULL);
				double fd1 = (fp - fm) / (2 * h);
				double fd2 = (d1p - d1m) / (2 * h);
				/* Rounding in the differences: eps |f| / h. */
				double noise1 = 1e-15 * fmax(fabs(fp), fabs(fm)) / h;
				double noise2 = 1e-15 * fmax(fabs(d1p), fabs(d1m)) / h;
				if (fabs(fd1 - d1) > 1e-6 * fabs(d1) + 10 * noise1 ||
				    fabs(fd2 - d2) > 1e-5 * fabs(d2) + 10 * noise2)
					fail_msg("%s p%d m=%g: a' %.10g fd %.10g, "
						 "a'' %.10g fd %.10g",
						 family->name, p, m, d1, fd1, d2,
						 fd2);
				/* The worst errors where rounding is not the cause. */
				if (noise1 < 1e-8 * fabs(d1))
					worst1 = fmax(worst1,
						      fabs(fd1 - d1) / fabs(d1));
				if (noise2 < 1e-8 * fabs(d2))
					worst2 = fmax(worst2,
						      fabs(fd2 - d2) / fabs(d2));
			}
		}
		print_message("%s: worst relative a' %.2g, a'' %.2g\n",
			      family->name, worst1, worst2);
		assert_true(worst1 < 1e-7 && worst2 < 1e-6);
	}
}

/* Every family: zero up to its threshold, positive just above it. */
static void test_every_family_threshold(void **state)
{
	(void)state;
	struct test_rng rng = { 1102 };

	for (int f = 0; accuracy_families[f] != NULL; f++) {
		const struct accuracy_family *family = accuracy_families[f];
		for (int p = 0; p < family_points(family); p++) {
			struct accuracy acc = family_point(family, p, &rng);
			double z = acc.zero_below, d1, d2;
			assert_true(accuracy_eval(&acc, z, &d1, &d2) == 0.0);
			assert_true(d1 == 0.0 && d2 == 0.0);
			assert_true(accuracy_eval(&acc, 0.5 * z, NULL, NULL) == 0.0);
			double above = z > 0.0 ? z * (1 + 1e-9) : 1e-300;
			assert_true(accuracy_eval(&acc, above, NULL, NULL) > 0.0);
			/* Bounded by a_opt, which it approaches. */
			double a_opt = acc.param[accuracy_param_index(family,
								      "a_opt")];
			double far = accuracy_eval(&acc, 1e300, NULL, NULL);
			assert_true(far <= a_opt && far > 0.99 * a_opt);
		}
	}
}

/* Every family: the batch evaluation agrees with the scalar one. */
static void test_every_family_batch(void **state)
{
	(void)state;
	struct test_rng rng = { 1103 };
	double m[240], value[240], d1[240];

	for (int f = 0; accuracy_families[f] != NULL; f++) {
		const struct accuracy_family *family = accuracy_families[f];
		for (int p = 0; p < family_points(family); p++) {
			struct accuracy acc = family_point(family, p, &rng);
			double start = rise_start(&acc);
			m[0] = 0.0;
			m[1] = acc.zero_below;
			for (int i = 2; i < 240; i++)
				m[i] = start * pow(1.15, i - 40);
			accuracy_eval_batch(&acc, m, 240, value, d1);
			for (int i = 0; i < 240; i++) {
				double s1, s = accuracy_eval(&acc, m[i], &s1, NULL);
				if (!(fabs(value[i] - s) <= 1e-15 &&
				      fabs(d1[i] - s1) <= 1e-13 * fabs(s1) &&
				      (value[i] == 0.0) == (s == 0.0)))
					fail_msg("%s p%d m=%g: batch %.17g %.17g, "
						 "scalar %.17g %.17g",
						 family->name, p, m[i], value[i],
						 d1[i], s1, s);
			}
		}
	}
}

/*
 * Every family, scales 1 to 1e6 and costs over twelve decades: a type
 * that trains alone sits at v'(a(m~)) a'(m~) = c to 1e-10 relative, at a
 * maximum; one that does not could not profit at any amount.
 */
static void test_every_family_reservation(void **state)
{
	(void)state;
	struct test_rng rng = { 1104 };
	const double scales[3] = { 1, 100, 1e6 };
	struct valuation val;
	struct reservation r;
	int alone = 0, not_alone = 0;

	valuation_init_default(&val, valuation_families[0]);
	for (int f = 0; accuracy_families[f] != NULL; f++) {
		const struct accuracy_family *family = accuracy_families[f];
		for (int p = 0; p < family_points(family); p++) {
			struct accuracy acc = family_point(family, p, &rng);
			for (int s = 0; s < 3; s++) {
				double scale = scales[s];
				val.param[0] = scale;
				for (double c = 1e-6; c < 1e6; c *= 7.3) {
					double d1;
					reservation_compute(&acc, &val, c, &r);
					if (!r.trains_alone) {
						not_alone++;
						assert_true(r.contribution == 0 &&
							    r.profit == 0);
						for (double m = fmax(rise_start(&acc), 1e-12);
						     m < 1e15; m *= 1.1)
							assert_true(scale * accuracy_eval(&acc, m, NULL, NULL) - c * m <=
								    1e-9 * scale);
						continue;
					}
					alone++;
					double m = r.contribution;
					(void)accuracy_eval(&acc, m, &d1, NULL);
					if (!(fabs(scale * d1 - c) <= 1e-10 * c))
						fail_msg("%s p%d scale %g c %g: "
							 "v'a' %.17g at m~ %g",
							 family->name, p, scale,
							 c, scale * d1, m);
					for (int k = -1; k <= 1; k += 2) {
						double near = m * (1 + k * 1e-3);
						double there = scale * accuracy_eval(&acc, near, NULL, NULL) - c * near;
						/* Rounding of a profit near the scale. */
						if (there > r.profit + 4e-16 * scale)
							fail_msg("%s p%d scale %g c %g: profit %.17g at %g above %.17g at m~ %g",
								 family->name, p, scale, c, there, near, r.profit, m);
					}
				}
			}
		}
	}
	print_message("%d stand-alone levels, %d not training alone\n", alone,
		      not_alone);
}

/*
 * Every accuracy family with every valuation family, at the corners of
 * the valuation's parameter box and its defaults: m~ sits at
 * v'(a(m~)) a'(m~) = c to 1e-10 relative, at a maximum of v(a(m)) - c m.
 */
static void test_every_valuation_reservation(void **state)
{
	(void)state;
	struct test_rng rng = { 1105 };
	struct reservation r;
	int alone = 0, not_alone = 0;
	double worst = 0;

	for (int g = 0; valuation_families[g] != NULL; g++) {
		const struct valuation_family *vf = valuation_families[g];
		int corners = 1 << vf->nparams;
		for (int q = 0; q <= corners; q++) {
			struct valuation val;
			valuation_init_default(&val, vf);
			for (int i = 0; i < vf->nparams && q < corners; i++)
				val.param[i] = (q >> i) & 1 ? vf->params[i].max :
							      vf->params[i].min;
			for (int f = 0; accuracy_families[f] != NULL; f++) {
				const struct accuracy_family *family =
					accuracy_families[f];
				for (int p = 0; p < family_points(family); p++) {
					struct accuracy acc =
						family_point(family, p, &rng);
					for (double c = 1e-6; c < 1e6; c *= 13.7) {
						double d1, v1;
						reservation_compute(&acc, &val, c, &r);
						if (!r.trains_alone) {
							not_alone++;
							assert_true(r.contribution == 0 &&
								    r.profit == 0);
							continue;
						}
						alone++;
						double m = r.contribution;
						double a = accuracy_eval(&acc, m, &d1, NULL);
						double v = valuation_eval(&val, a, &v1, NULL);
						double rel = fabs(v1 * d1 - c) / c;
						worst = fmax(worst, rel);
						if (!(rel <= 1e-10))
							fail_msg("%s/%s q%d p%d c %g: v'a' %.17g at m~ %g",
								 family->name, vf->name, q, p, c, v1 * d1, m);
						assert_true(test_rel(r.profit, v - c * m) < 1e-12);
						for (int k = -1; k <= 1; k += 2) {
							double near = m * (1 + k * 1e-3);
							double there = valuation_eval(&val, accuracy_eval(&acc, near, NULL, NULL), NULL, NULL) - c * near;
							if (there > r.profit + 4e-16 * val.param[0])
								fail_msg("%s/%s q%d p%d c %g: profit %.17g at %g above %.17g",
									 family->name, vf->name, q, p, c, there, near, r.profit);
						}
					}
				}
			}
		}
	}
	print_message("%d stand-alone levels, %d not training alone, worst "
		      "|v'a' - c| / c %.2g\n", alone, not_alone, worst);
}

/*
 * exp starts at a(0) = 0 with slope a_opt / m0: at a cost at or above
 * v'(0) a'(0) nobody trains alone (m~ = 0), just below it a tiny m~ > 0.
 */
static void test_exp_slope_at_zero(void **state)
{
	(void)state;
	struct accuracy acc;
	struct valuation val;
	struct reservation r;
	char why[128];

	accuracy_init_default(&acc, accuracy_family_find("exp"));
	acc.param[accuracy_param_index(acc.family, "a_opt")] = 0.8;
	acc.param[accuracy_param_index(acc.family, "m0")] = 50;
	assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)), 0);
	assert_true(acc.zero_below == 0.0);
	valuation_init_default(&val, valuation_families[0]);
	double edge = 100 * 0.8 / 50; /* v'(0) a'(0) */
	reservation_compute(&acc, &val, edge, &r);
	assert_false(r.trains_alone);
	assert_true(r.contribution == 0.0 && r.profit == 0.0);
	reservation_compute(&acc, &val, 2 * edge, &r);
	assert_false(r.trains_alone);
	reservation_compute(&acc, &val, edge * (1 - 1e-3), &r);
	assert_true(r.trains_alone);
	/* m~ = m0 ln(edge / c) */
	assert_true(test_rel(r.contribution, -50 * log1p(-1e-3)) < 1e-9);
}

/* Each family's parameters are checked against their own ranges. */
static void test_new_families_reject_out_of_range(void **state)
{
	(void)state;
	const char *names[2] = { "power", "exp" };
	char why[128];

	for (int f = 0; f < 2; f++) {
		const struct accuracy_family *family =
			accuracy_family_find(names[f]);
		assert_non_null(family);
		for (int i = 0; i < family->nparams; i++) {
			struct accuracy acc;
			accuracy_init_default(&acc, family);
			assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)),
					 0);
			acc.param[i] = nextafter(family->params[i].max, INFINITY);
			assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)),
					 -1);
			acc.param[i] = 0.0;
			assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)),
					 -1);
			assert_non_null(strstr(why, family->params[i].key));
		}
	}
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
		cmocka_unit_test(test_every_family_derivatives),
		cmocka_unit_test(test_every_family_threshold),
		cmocka_unit_test(test_every_family_batch),
		cmocka_unit_test(test_every_family_reservation),
		cmocka_unit_test(test_every_valuation_reservation),
		cmocka_unit_test(test_exp_slope_at_zero),
		cmocka_unit_test(test_new_families_reject_out_of_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
