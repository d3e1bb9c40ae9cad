/*
 * checks.h - the properties an optimal contract must show (MODEL.md).
 *
 * Each check is measured on the solution, not assumed: its worst slack is
 * the smallest margin over all its instances, in value units (positive:
 * met with room; for equalities, minus the largest residual).  A check
 * passes when its worst slack is at least -tolerance.
 */
#ifndef CML_CHECKS_H
#define CML_CHECKS_H

#include <stdbool.h>

#include "model.h"

enum check_id {
	CHECK_IR,             /* 1. t_i - c_i m_i >= f_i */
	CHECK_IC,             /* 2. t_i - c_i m_i >= t_j - c_i m_j, all i, j */
	CHECK_BUDGET,         /* 3. t_i <= tbar_i */
	CHECK_FAIRNESS,       /* 4. m and t non-decreasing (Prop. 6) */
	CHECK_ADJACENT,       /* 5. adjacent IC binds (Thm. 1) */
	CHECK_WEAK_EFFICIENCY,/* 6. t_I = tbar_I (Prop. 7) */
	CHECK_BREAK_EVEN,     /* 7. t_1 - c_1 m_1 = f_1 (Prop. 8) */
	CHECK_ORIGINAL_BUDGET,/* 8. max_i r_i(n) <= a(S(n)) (Prop. 5) */
	CHECK_COUNT
};

struct check_result {
	bool applicable;   /* false when the property has no instance (I = 1) */
	bool pass;
	double worst_slack; /* value units; see above */
	int where;         /* 0-based type (or first type of a pair) of the worst instance, -1 if none */
};

struct check_info {
	const char *key;       /* JSON/CSV key, e.g. "weak_efficiency" */
	const char *name;      /* short label, e.g. "Weak efficiency" */
	const char *source;    /* where the paper states it, e.g. "Prop. 7" */
	const char *statement; /* the property as a short formula (u_i = t_i - c_i m_i) */
};

extern const struct check_info check_info[CHECK_COUNT];

/* Tolerance on the slacks (value units) for a model. */
double checks_tolerance(const struct model *mdl);

/* Runs every check on contract (m, t) with budgets tbar. */
void checks_run(const struct model *mdl, const double *m, const double *t,
		const double *tbar, struct check_result out[CHECK_COUNT]);

#endif
