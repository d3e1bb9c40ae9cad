/*
 * accuracy.h - accuracy families a(m): model accuracy from data quantity.
 *
 * A family is a const ops table; struct accuracy is one family with its
 * parameters and the constants derived from them.  The solver only calls
 * accuracy_eval(), so a new family slots in by adding a table here.
 *
 * Every family must be 0 up to a threshold (zero_below) and increasing and
 * concave above it; the solver and the reservation levels rely on that.
 */
#ifndef CML_ACCURACY_H
#define CML_ACCURACY_H

#include <stddef.h>

#include "param.h"

#define ACCURACY_MAX_PARAMS 4

struct accuracy;

struct accuracy_family {
	const char *name;    /* YAML "family" value, e.g. "sgb" */
	const char *summary; /* one line for help and reports */
	int nparams;         /* number of entries in params */
	const struct param_desc *params; /* parameter descriptors, in order */
	/* Fills the derived constants of acc; returns 0, or -1 with a reason. */
	int (*prepare)(struct accuracy *acc, char *why, size_t size);
	/* Value at m > zero_below, with first and second derivatives. */
	double (*eval_positive)(const struct accuracy *acc, double m, double *d1,
				double *d2);
	/*
	 * a(m[k]) and a'(m[k]) for k < n, any m >= 0 (0 and 0 at or below
	 * the threshold): the solver's hot path, one call per chunk.
	 */
	void (*eval_batch)(const struct accuracy *acc, const double *m,
			   size_t n, double *value, double *d1);
};

struct accuracy {
	const struct accuracy_family *family;
	double param[ACCURACY_MAX_PARAMS]; /* in the order of family->params */
	double zero_below;                 /* a(m) = 0 for m <= zero_below */
};

/* All families, NULL-terminated; the first is the default. */
extern const struct accuracy_family *const accuracy_families[];

/* Looks a family up by name; NULL if unknown. */
const struct accuracy_family *accuracy_family_find(const char *name);

/* Sets acc to family with its default parameters, prepared. */
void accuracy_init_default(struct accuracy *acc,
			   const struct accuracy_family *family);

/*
 * Checks the parameters and derives the constants.  Returns 0, or -1 with
 * a reason in why (the parameters are left as given).
 */
int accuracy_prepare(struct accuracy *acc, char *why, size_t size);

/*
 * a(m) for m >= 0; d1 and d2 (may be NULL) receive a'(m) and a''(m).
 * Below the threshold all three are 0.
 */
double accuracy_eval(const struct accuracy *acc, double m, double *d1,
		     double *d2);

/* a and a' over an array (see eval_batch). */
static inline void accuracy_eval_batch(const struct accuracy *acc,
				       const double *m, size_t n, double *value,
				       double *d1)
{
	acc->family->eval_batch(acc, m, n, value, d1);
}

/* Index of the parameter called key in acc's family, or -1. */
int accuracy_param_index(const struct accuracy_family *family,
			 const char *key);

#endif
