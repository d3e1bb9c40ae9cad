/*
 * dual-bound.h - a rigorous upper bound for a convex relaxation from an
 * approximate solution.
 *
 * SLSQP's answer to a convex problem is only approximately optimal, and
 * it can stop early (FTOL_REACHED a few steps short), so its objective is
 * no bound.  Weak duality gives one from any point x^ and any multipliers
 * lambda >= 0: for every feasible x in the box, f(x) <= L(x) with
 * L = f - lambda . g concave, and L(x) <= L(x^) + grad L(x^) (x - x^), whose
 * maximum over the box is taken coordinate by coordinate.  At a KKT point
 * with its multipliers the bound equals f(x^) up to the stationarity
 * residual; far from one it is loose, never wrong.
 */
#ifndef CML_DUAL_BOUND_H
#define CML_DUAL_BOUND_H

#include "problem.h"

/*
 * An upper bound on the objective of p (maximised, constraints <= 0) over
 * the box [lo, hi] of scaled variables, from the point x in it.  The
 * multipliers are fitted to the constraints active at x by non-negative
 * least squares on the stationarity conditions; where x violates
 * constraints, multipliers along the violation are tried as well, so an
 * infeasible box can come out with a bound of -inf.
 */
double dual_bound(struct problem *p, const double *x, const double *lo,
		  const double *hi);

#endif
