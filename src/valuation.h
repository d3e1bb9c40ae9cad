/*
 * valuation.h - valuation families v(x): money value of a model of accuracy x.
 *
 * Every valuation is increasing, weakly concave and invertible on its range
 * (the proportional assignment needs v^-1).  Like accuracy.h, a family is a
 * const ops table, so further families slot in without touching the solver.
 */
#ifndef CML_VALUATION_H
#define CML_VALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "param.h"

#define VALUATION_MAX_PARAMS 4

struct valuation;

struct valuation_family {
	const char *name;    /* YAML "family" value, e.g. "linear" */
	const char *summary; /* one line for help and reports */
	int nparams;
	const struct param_desc *params;
	/* v(x), with v'(x) and v''(x) in d1 and d2 (either may be NULL). */
	double (*eval)(const struct valuation *val, double x, double *d1,
		       double *d2);
	/* v^-1(y) for y in the range of v. */
	double (*inverse)(const struct valuation *val, double y);
};

struct valuation {
	const struct valuation_family *family;
	double param[VALUATION_MAX_PARAMS];
};

extern const struct valuation_family *const valuation_families[];

const struct valuation_family *valuation_family_find(const char *name);
void valuation_init_default(struct valuation *val,
			    const struct valuation_family *family);
/* Checks the parameters; 0, or -1 with a reason. */
int valuation_prepare(const struct valuation *val, char *why, size_t size);
int valuation_param_index(const struct valuation_family *family,
			  const char *key);

static inline double valuation_eval(const struct valuation *val, double x,
				    double *d1, double *d2)
{
	return val->family->eval(val, x, d1, d2);
}

/*
 * True when v is linear (v'' = 0 everywhere): v(x) = v'(0) x.  That is
 * linear, and power at gamma = 1.  The approx method needs it.
 */
bool valuation_is_linear(const struct valuation *val);

static inline double valuation_inverse(const struct valuation *val, double y)
{
	return val->family->inverse(val, y);
}

#endif
