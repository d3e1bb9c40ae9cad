/*
 * start.h - feasible contracts to start the solver from.
 *
 * SLSQP needs a start outside the flat a = 0 region.  Two families of
 * contracts are feasible by construction and cheap to search:
 *   - the stand-alone contract: every type contributes its reservation
 *     amount m~_i and is promised its stand-alone model value;
 *   - suffix pooling: types k..I all contribute the same M and types
 *     1..k-1 nothing, with the cheapest IR/IC-compatible rewards; for each
 *     k the largest budget-feasible M is found by a 1-D search.
 */
#ifndef CML_START_H
#define CML_START_H

#include "model.h"

struct start_point {
	double m[CML_MAX_TYPES];  /* contributions, non-decreasing */
	double t[CML_MAX_TYPES];  /* cheapest rewards for m (menu.h) */
	double objective;         /* E[a(S)] */
	double violation;         /* largest constraint violation, in units
				     of the value scale V (relative) */
	double error;             /* the expectations' relative error bound
				     there (0 when exact) */
};

/* Evaluates a contract given by its contributions (fills t and the rest). */
void start_evaluate(const struct model *mdl, struct start_point *p);

/*
 * The same on the approx method's lattice of the given spacing (updated
 * as moments_eval_hinted() does; NULL: a fresh one), so that a point a
 * solver run reached is judged on the lattice the run saw.
 */
void start_evaluate_at(const struct model *mdl, struct start_point *p,
		       double *spacing);

/* The stand-alone contract. */
void start_stand_alone(const struct model *mdl, struct start_point *p);

/*
 * The best feasible contract of both families (highest objective), and
 * at N = 1 of every assignment of stand-alone levels (start.c).
 * Returns 0, or -1 if memory ran out (p then holds the stand-alone one).
 */
int start_best(const struct model *mdl, double tolerance,
	       struct start_point *p);

#endif
