/*
 * accuracy.c - the accuracy families.
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

static const struct param_desc sgb_params[] = {
	{
		.key = "a_opt",
		.label = "a_opt",
		.unit = "accuracy",
		.min = 0.01,
		.max = 1,
		.min_open = false,
		.def = 1,
		.step = 0.01,
		.help = "Best accuracy the model can reach with unlimited data.",
	},
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

const struct accuracy_family *const accuracy_families[] = {
	&sgb_family,
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
