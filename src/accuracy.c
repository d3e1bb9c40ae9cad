/*
 * accuracy.c - the accuracy families.
 *
 * Each family is a const ops table; the first, sgb, is the default.
 *
 * sgb, the standard generalisation bound used by the paper:
 *
 *   a(m) = max(0, a_opt - (sqrt(2k(2 + ln(m/k))) + 4) / sqrt(m))
 *
 * with the "+ 4" outside the root: that form reproduces the paper's own
 * numbers (see MODEL.md).  a_opt in [0.01, 1] and k in [0.01, 100] are
 * the ranges the engine solves reliably (measured at their corners, with
 * every cost, probability, N and scale in range; tests/test-ranges.c).
 * With a_opt <= 1 and k <= 100 the bound is
 * negative wherever it decreases, so it has exactly one zero and max(0, .)
 * is 0 below it and increasing and concave above it.
 */
#include "accuracy.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/*
 * Every family's best accuracy, described once: an array element can only
 * be written out, so the tables below repeat this initialiser.
 */
#define A_OPT_PARAM                                                       \
	{                                                                 \
		.key = "a_opt",                                           \
		.label = "a_opt",                                         \
		.unit = "accuracy",                                       \
		.min = 0.01,                                              \
		.max = 1,                                                 \
		.min_open = false,                                        \
		.def = 1,                                                 \
		.step = 0.01,                                             \
		.help = "Best accuracy the model can reach with unlimited " \
			"data.",                                          \
	}

static const struct param_desc sgb_params[] = {
	A_OPT_PARAM,
	{
		.key = "k",
		.label = "k",
		.unit = "",
		.min = 0.01,
		.max = 100,
		.min_open = false,
		.def = 1,
		.step = 0.01,
		.help = "Difficulty of the learning task: larger k needs more "
			"data for the same accuracy.",
	},
};

enum { SGB_A_OPT, SGB_K };

/* The bound itself, valid for m > k e^-2; may be negative. */
static double sgb_bound(double a_opt, double k, double m, double *d1,
			double *d2)
{
	double log_ratio = log(m / k);
	double root = sqrt(2.0 * k * (2.0 + log_ratio));
	double sqrt_m = sqrt(m);
	double numer = k * log_ratio + k + 2.0 * root;

	if (d1 != NULL)
		*d1 = numer / (root * m * sqrt_m);
	if (d2 != NULL)
		*d2 = (k * (root + 2.0) - numer * (k / root + 1.5 * root)) /
		      (root * root * m * m * sqrt_m);
	return a_opt - (root + 4.0) / sqrt_m;
}

static double sgb_eval_positive(const struct accuracy *acc, double m,
				double *d1, double *d2)
{
	return sgb_bound(acc->param[SGB_A_OPT], acc->param[SGB_K], m, d1, d2);
}

static void sgb_eval_batch(const struct accuracy *acc, const double *m,
			   size_t n, double *value, double *d1)
{
	double a_opt = acc->param[SGB_A_OPT], k = acc->param[SGB_K];
	double two_k = 2.0 * k, log_k = log(k), floor = acc->zero_below;

	for (size_t i = 0; i < n; i++) {
		double x = m[i];
		if (!(x > floor)) {
			value[i] = 0.0;
			d1[i] = 0.0;
			continue;
		}
		double log_ratio = log(x) - log_k;
		double root = sqrt(two_k * (2.0 + log_ratio));
		double inv_sqrt = 1.0 / sqrt(x);
		double a = a_opt - (root + 4.0) * inv_sqrt;
		if (a > 0.0) {
			value[i] = a;
			d1[i] = (k * log_ratio + k + 2.0 * root) * inv_sqrt /
				(root * x);
		} else {
			value[i] = 0.0;
			d1[i] = 0.0;
		}
	}
}

/*
 * The zero of the bound on its increasing branch.  For m > k/e the
 * derivative's numerator k(L + 1) + 2R is positive, and the bound is
 * negative at k/e for the allowed parameters, so the zero lies above k/e
 * and is unique there: bracket it, then bisect to the last bit.
 */
static int sgb_prepare(struct accuracy *acc, char *why, size_t size)
{
	double a_opt = acc->param[SGB_A_OPT], k = acc->param[SGB_K];
	double lo = k * exp(-1.0), hi = 2.0 * lo;

	if (sgb_bound(a_opt, k, lo, NULL, NULL) >= 0.0) {
		snprintf(why, size, "sgb with a_opt %g and k %g is not "
			 "increasing where positive", a_opt, k);
		return -1;
	}
	while (sgb_bound(a_opt, k, hi, NULL, NULL) <= 0.0)
		hi *= 2.0;
	for (int i = 0; i < 200; i++) {
		double mid = 0.5 * (lo + hi);
		if (mid <= lo || mid >= hi)
			break;
		if (sgb_bound(a_opt, k, mid, NULL, NULL) > 0.0)
			hi = mid;
		else
			lo = mid;
	}
	acc->zero_below = lo;
	return 0;
}

static const struct accuracy_family sgb_family = {
	.name = "sgb",
	.summary = "standard generalisation bound: a_opt - (sqrt(2k(2+ln(m/k)))"
		   " + 4)/sqrt(m)",
	.nparams = 2,
	.params = sgb_params,
	.prepare = sgb_prepare,
	.eval_positive = sgb_eval_positive,
	.eval_batch = sgb_eval_batch,
};

/*
 * power, the empirical scaling law of learning curves:
 *
 *   a(m) = max(0, a_opt - b m^-alpha),  zero below (b / a_opt)^(1/alpha)
 *
 * Increasing and concave everywhere it is positive.  The ranges keep the
 * threshold and the slopes within what the solver handles (measured at
 * every corner with every cost, probability, N and scale in range;
 * tests/test-ranges.c): alpha below 0.1 or b/a_opt above 1e3 puts the
 * threshold beyond any data a type can afford.
 */
static const struct param_desc power_params[] = {
	A_OPT_PARAM,
	{
		.key = "b",
		.label = "b",
		.unit = "accuracy",
		.min = 0.1,
		.max = 100,
		.min_open = false,
		.def = 1,
		.step = 0.01,
		.help = "Accuracy short of a_opt at one unit of data: larger b "
			"needs more data for the same accuracy.",
	},
	{
		.key = "alpha",
		.label = "alpha",
		.unit = "",
		.min = 0.3,
		.max = 1,
		.min_open = false,
		.def = 0.5,
		.step = 0.01,
		.help = "Scaling exponent: the shortfall falls as m^-alpha.",
	},
};

enum { POWER_A_OPT, POWER_B, POWER_ALPHA };

static double power_eval_positive(const struct accuracy *acc, double m,
				  double *d1, double *d2)
{
	double b = acc->param[POWER_B], alpha = acc->param[POWER_ALPHA];
	double shortfall = b * pow(m, -alpha);

	if (d1 != NULL)
		*d1 = alpha * shortfall / m;
	if (d2 != NULL)
		*d2 = -alpha * (alpha + 1.0) * shortfall / (m * m);
	return acc->param[POWER_A_OPT] - shortfall;
}

static void power_eval_batch(const struct accuracy *acc, const double *m,
			     size_t n, double *value, double *d1)
{
	double a_opt = acc->param[POWER_A_OPT], b = acc->param[POWER_B];
	double alpha = acc->param[POWER_ALPHA], floor = acc->zero_below;

	for (size_t i = 0; i < n; i++) {
		double x = m[i];
		double shortfall = x > floor ? b * pow(x, -alpha) : 0.0;
		double a = a_opt - shortfall;
		if (x > floor && a > 0.0) {
			value[i] = a;
			d1[i] = alpha * shortfall / x;
		} else {
			value[i] = 0.0;
			d1[i] = 0.0;
		}
	}
}

/* The zero in closed form; rounding may leave a(zero) a hair off 0. */
static int power_prepare(struct accuracy *acc, char *why, size_t size)
{
	double a_opt = acc->param[POWER_A_OPT], b = acc->param[POWER_B];
	double alpha = acc->param[POWER_ALPHA];

	acc->zero_below = pow(b / a_opt, 1.0 / alpha);
	if (!(acc->zero_below > 0.0 && isfinite(acc->zero_below))) {
		snprintf(why, size, "power with a_opt %g, b %g and alpha %g "
			 "has no usable zero", a_opt, b, alpha);
		return -1;
	}
	return 0;
}

static const struct accuracy_family power_family = {
	.name = "power",
	.summary = "scaling law: a_opt - b m^-alpha",
	.nparams = 3,
	.params = power_params,
	.prepare = power_prepare,
	.eval_positive = power_eval_positive,
	.eval_batch = power_eval_batch,
};

/*
 * exp, saturating exponential:
 *
 *   a(m) = a_opt (1 - exp(-m / m0))
 *
 * Positive for every m > 0 (threshold 0) with a finite slope a_opt / m0
 * at 0: a type whose marginal value there is below its cost does not
 * train alone.  expm1 keeps a(m) exact (and positive) for tiny m.
 */
static const struct param_desc exp_params[] = {
	A_OPT_PARAM,
	{
		.key = "m0",
		.label = "m0",
		.unit = "data",
		.min = 0.01,
		.max = 1e6,
		.min_open = false,
		.def = 100,
		.step = 0.01,
		.help = "Data scale: m0 units reach 63% of a_opt.",
	},
};

enum { EXP_A_OPT, EXP_M0 };

static double exp_eval_positive(const struct accuracy *acc, double m,
				double *d1, double *d2)
{
	double a_opt = acc->param[EXP_A_OPT], m0 = acc->param[EXP_M0];
	double decay = exp(-m / m0);

	if (d1 != NULL)
		*d1 = a_opt * decay / m0;
	if (d2 != NULL)
		*d2 = -a_opt * decay / (m0 * m0);
	return -a_opt * expm1(-m / m0);
}

static void exp_eval_batch(const struct accuracy *acc, const double *m,
			   size_t n, double *value, double *d1)
{
	double a_opt = acc->param[EXP_A_OPT], m0 = acc->param[EXP_M0];

	for (size_t i = 0; i < n; i++) {
		double x = m[i];
		double a = x > 0.0 ? -a_opt * expm1(-x / m0) : 0.0;
		if (a > 0.0) {
			value[i] = a;
			d1[i] = a_opt * exp(-x / m0) / m0;
		} else {
			value[i] = 0.0;
			d1[i] = 0.0;
		}
	}
}

static int exp_prepare(struct accuracy *acc, char *why, size_t size)
{
	(void)why;
	(void)size;
	acc->zero_below = 0.0;
	return 0;
}

static const struct accuracy_family exp_family = {
	.name = "exp",
	.summary = "saturating exponential: a_opt (1 - exp(-m/m0))",
	.nparams = 2,
	.params = exp_params,
	.prepare = exp_prepare,
	.eval_positive = exp_eval_positive,
	.eval_batch = exp_eval_batch,
};

const struct accuracy_family *const accuracy_families[] = {
	&sgb_family,
	&power_family,
	&exp_family,
	NULL,
};

const struct accuracy_family *accuracy_family_find(const char *name)
{
	for (int i = 0; accuracy_families[i] != NULL; i++)
		if (strcmp(accuracy_families[i]->name, name) == 0)
			return accuracy_families[i];
	return NULL;
}

void accuracy_init_default(struct accuracy *acc,
			   const struct accuracy_family *family)
{
	char why[128];

	memset(acc, 0, sizeof(*acc));
	acc->family = family;
	for (int i = 0; i < family->nparams; i++)
		acc->param[i] = family->params[i].def;
	(void)accuracy_prepare(acc, why, sizeof(why));
}

int accuracy_prepare(struct accuracy *acc, char *why, size_t size)
{
	for (int i = 0; i < acc->family->nparams; i++)
		if (param_check(&acc->family->params[i], acc->param[i], why,
				size) != 0)
			return -1;
	return acc->family->prepare(acc, why, size);
}

double accuracy_eval(const struct accuracy *acc, double m, double *d1,
		     double *d2)
{
	double value;

	if (m > acc->zero_below) {
		value = acc->family->eval_positive(acc, m, d1, d2);
		if (value > 0.0)
			return value;
	}
	if (d1 != NULL)
		*d1 = 0.0;
	if (d2 != NULL)
		*d2 = 0.0;
	return 0.0;
}

int accuracy_param_index(const struct accuracy_family *family,
			 const char *key)
{
	for (int i = 0; i < family->nparams; i++)
		if (strcmp(family->params[i].key, key) == 0)
			return i;
	return -1;
}
