/*
 * test-fit.c - fitting accuracy families to measured learning curves.
 *
 * Synthetic curves from each family, at an interior point of its box:
 * without noise the fit gives the parameters back to the 8 digits it
 * prints (1e-6 relative); with 0.1% deterministic noise on the accuracy,
 * to 1% relative (the stated accuracy of fit; 0.4% measured at worst).
 * Malformed CSV text gets FILE:LINE:COL errors.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fit.h"

struct truth {
	const char *family;
	double param[3];
	double m_lo, m_hi; /* the measured data amounts, geometric */
};

static const struct truth truths[] = {
	{ "power", { 0.9, 2, 0.5 }, 10, 1e5 },
	{ "power", { 0.75, 5, 0.35 }, 1e3, 1e7 },
	{ "sgb", { 0.9, 2 }, 200, 1e6 },
	{ "exp", { 0.8, 150 }, 5, 2000 },
};

#define POINTS 24

/* The curve's points with relative noise `noise` (deterministic). */
static void synthesize(const struct truth *t, double noise,
		       struct fit_data *data, struct fit_point *points)
{
	struct accuracy acc;
	char why[128];
	const struct accuracy_family *fam = accuracy_family_find(t->family);

	accuracy_init_default(&acc, fam);
	for (int j = 0; j < fam->nparams; j++)
		acc.param[j] = t->param[j];
	assert_int_equal(accuracy_prepare(&acc, why, sizeof(why)), 0);
	for (int k = 0; k < POINTS; k++) {
		double m = t->m_lo * pow(t->m_hi / t->m_lo, k / (POINTS - 1.0));
		double a = accuracy_eval(&acc, m, NULL, NULL);
		points[k] = (struct fit_point){
			.amount = m, .accuracy = a * (1 + noise * sin(7.0 * k)),
			.line = k + 1 };
	}
	data->point = points;
	data->count = POINTS;
	data->end_line = POINTS + 1;
}

static void check_recovery(double noise, double tolerance)
{
	struct fit_point points[POINTS];
	struct fit_data data;
	struct fit_result fit;
	struct cml_error err;

	for (size_t i = 0; i < sizeof(truths) / sizeof(truths[0]); i++) {
		const struct truth *t = &truths[i];
		const struct accuracy_family *fam =
			accuracy_family_find(t->family);
		synthesize(t, noise, &data, points);
		assert_int_equal(fit_family(&data, fam, "synthetic", &fit, &err),
				 0);
		double worst = 0;
		for (int j = 0; j < fam->nparams; j++)
			worst = fmax(worst, fabs(fit.acc.param[j] - t->param[j]) /
						    t->param[j]);
		print_message("%s noise %g: worst relative error %.2g, RMS "
			      "%.2g, %d warnings\n", t->family, noise, worst,
			      fit.rms, fit.nwarnings);
		if (!(worst <= tolerance))
			fail_msg("%s #%zu at noise %g: parameter error %g",
				 t->family, i, noise, worst);
		if (noise == 0.0)
			assert_int_equal(fit.nwarnings, 0);
	}
}

static void recovers_without_noise(void **state)
{
	(void)state;
	check_recovery(0.0, 1e-6);
}

static void recovers_with_small_noise(void **state)
{
	(void)state;
	check_recovery(1e-3, 1e-2);
}

/* Fitted values stay inside the ranges; a bound reached is a warning. */
static void clamps_and_warns(void **state)
{
	(void)state;
	/* alpha = 0.1 lies below power's range [0.3, 1]. */
	const struct truth t = { "power", { 0.9, 0.5, 0.1 }, 10, 1e6 };
	struct fit_point points[POINTS];
	struct fit_data data;
	struct fit_result fit;
	struct cml_error err;
	const struct accuracy_family *fam = accuracy_family_find("power");
	struct accuracy acc;

	accuracy_init_default(&acc, fam);
	for (int k = 0; k < POINTS; k++) {
		double m = t.m_lo * pow(t.m_hi / t.m_lo, k / (POINTS - 1.0));
		points[k] = (struct fit_point){
			.amount = m, .accuracy = fmax(0, 0.9 - 0.5 * pow(m, -0.1)),
			.line = k + 1 };
	}
	data = (struct fit_data){ points, POINTS, POINTS + 1 };
	assert_int_equal(fit_family(&data, fam, "low", &fit, &err), 0);
	for (int j = 0; j < fam->nparams; j++)
		assert_true(fit.acc.param[j] >= fam->params[j].min &&
			    fit.acc.param[j] <= fam->params[j].max);
	bool bound = false;
	for (int w = 0; w < fit.nwarnings; w++)
		bound = bound || strstr(fit.warning[w], "alpha = 0.3 is at the "
					"end of its supported range") != NULL;
	assert_true(bound);

	/* Two distinct amounts cannot fix three parameters. */
	for (int k = 0; k < POINTS; k++)
		points[k].amount = k % 2 ? 100 : 1000;
	assert_int_equal(fit_family(&data, fam, "two", &fit, &err), 0);
	assert_non_null(strstr(fit.warning[0], "only 2 distinct data amounts "
			       "for 3 parameters"));
	/* Fewer points than parameters is an error at the end of the file. */
	data.count = 2;
	data.end_line = 4;
	assert_int_equal(fit_family(&data, fam, "few.csv", &fit, &err), -1);
	assert_string_equal(err.origin, "few.csv");
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.msg, "2 points are fewer than the 3 "
			       "parameters of family power"));
}

static void reads_csv(void **state)
{
	(void)state;
	const char text[] = "\xef\xbb\xbf" "data,accuracy\r\n"
			    "100, 0.5\r\n\n"
			    "1e3,0.7,extra\n"
			    " 2000 ,\t0.75\n";
	struct fit_data data;
	struct cml_error err;

	assert_int_equal(fit_read_csv(text, sizeof(text) - 1, "ok.csv", &data,
				      &err), 0);
	assert_int_equal(data.count, 3);
	assert_true(data.point[0].amount == 100 && data.point[0].accuracy == 0.5);
	assert_int_equal(data.point[1].line, 4);
	assert_true(data.point[2].amount == 2000 &&
		    data.point[2].accuracy == 0.75);
	fit_data_free(&data);
}

/* text refused at line:col with phrase. */
static void refused(const char *text, int line, int col, const char *phrase)
{
	struct fit_data data;
	struct cml_error err;

	if (fit_read_csv(text, strlen(text), "bad.csv", &data, &err) == 0)
		fail_msg("accepted: %s", text);
	if (err.line != line || err.col != col ||
	    strstr(err.msg, phrase) == NULL ||
	    strcmp(err.origin, "bad.csv") != 0)
		fail_msg("'%s': got %d:%d '%s', wanted %d:%d '%s'", text,
			 err.line, err.col, err.msg, line, col, phrase);
	assert_null(data.point);
}

static void csv_errors(void **state)
{
	(void)state;
	refused("", 1, 1, "no data");
	refused("m,accuracy\n\n", 2, 1, "no data");
	refused("m,a\n10,0.5\n20,abc\n", 3, 4, "the accuracy 'abc' is not a "
		"number");
	refused("10,0.5\n2x0,0.6\n", 2, 1, "the data amount '2x0' is not a "
		"number");
	refused("10,0.5\n20\n", 2, 3, "fewer than 2 columns");
	refused("10,0.5\n-20,0.6\n", 2, 1, "the data amount -20 is negative");
	refused("10,0.5\n20, 1.5\n", 2, 5, "the accuracy 1.5 is outside [0, 1]");
	refused("10,nan\n", 1, 4, "is not a number");
	refused("10,0.5\ninf,0.6\n", 2, 1, "is not a number");
	refused("10,0.5\n20,\n", 2, 4, "the accuracy '' is not a number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recovers_without_noise),
		cmocka_unit_test(recovers_with_small_noise),
		cmocka_unit_test(clamps_and_warns),
		cmocka_unit_test(reads_csv),
		cmocka_unit_test(csv_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
