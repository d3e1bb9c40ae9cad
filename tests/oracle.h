/*
 * oracle.h - tests only: the global optimum of the first-moment problem
 * for I = 2 and I = 3 by dense search, independent of the solver.
 *
 * See oracle.c for why it is independent and why it finds the global
 * optimum.
 */
#ifndef CML_ORACLE_H
#define CML_ORACLE_H

#include <stdbool.h>

#include "model.h"

/*
 * Feasibility tolerance of the search, on the V = 100 scale: rounding
 * only.  Not 1e-10: where a budget is tangent to the reward line (N = 1,
 * a type training on its own m~_i) a tolerance eps admits contributions
 * sqrt(eps) away, and at 1e-10 that moves E[a] by up to ~1e-5 relative,
 * which would blur the 1e-8 comparison.
 */
#define ORACLE_TOL 2e-14

struct oracle_result {
	int ntypes;
	double m[CML_MAX_TYPES];
	double t[CML_MAX_TYPES];
	double tbar[CML_MAX_TYPES];
	bool feasible;            /* some contract meets every constraint */
	double expected_accuracy; /* E[a(S)], the objective; 0 if none */
	double expected_value;    /* E[v(a(S))] */
	long evaluations;         /* outcome-set evaluations spent */
};

/* Search effort: 1 = the random property test, 2 = the fixed set. */
struct oracle_effort {
	int outer;   /* outer grid points per dimension (I = 2: m_1) */
	int inner;   /* grid points of the innermost top-feasible scan */
	int refine;  /* local maxima refined per 1-D maximisation */
};

extern const struct oracle_effort oracle_fine, oracle_fast, oracle_three,
	oracle_three_fast;

/* Finds the global optimum of mdl (ntypes 2 or 3, small N). */
void oracle_solve(const struct model *mdl, const struct oracle_effort *eff,
		  struct oracle_result *out);

/*
 * Largest violation at (m, t) of: m_1 >= 0, m non-decreasing, IR, IC for
 * every pair, and the budgets t_i <= tbar_i(m), recomputed here (value
 * units); tbar (may be NULL) receives tbar_i(m).  Returns the violation.
 */
double oracle_violation(const struct model *mdl, const double *m,
			const double *t, double *tbar);

/*
 * The objective at the largest m_I' <= m_I that is feasible to the
 * oracle's tolerance with m_1..m_{I-1} as given, or -1 if there is none:
 * what the oracle should have found at least, given the solver's point.
 */
double oracle_project(const struct model *mdl, const double *m);

/*
 * True if at m the binding budget is tangent to its reward line in m_I
 * (N = 1: a type on its stand-alone m~): there the oracle's own rounding
 * tolerance is worth up to ~5e-8 of E[a], so a 1e-8 comparison is not
 * meaningful and the tests use TANGENT_TOL instead.
 */
bool oracle_tangent(const struct model *mdl, const double *m);

/* E[a(S)] at m, by the oracle's own enumeration. */
double oracle_objective(const struct model *mdl, const double *m);

#endif
