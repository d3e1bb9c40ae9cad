/*
 * bound.h - certifying that a contract is the global optimum.
 *
 * The first-moment problem is not concave where outcomes with a(S) = 0
 * carry probability, so SLSQP can end at a local optimum.  Replacing a by
 * its concave envelope over the range of each outcome's S (envelope.h)
 * gives a convex relaxation whose optimum bounds every contract in a box
 * of increments from above.  bound_search() solves that relaxation over
 * the whole domain first; when its bound exceeds the incumbent, it
 * branches on the increments (best bound first), tightening each
 * outcome's envelope, and runs a local solve in every box it opens, until
 * no box can beat the incumbent by more than the tolerance or the budget
 * of boxes runs out.
 *
 * Each box's bound is a Lagrangian (dual) bound from SLSQP's end point
 * and fitted multipliers (dual-bound.h), valid however SLSQP ended.
 * Where constraint qualification fails (a type whose only feasible
 * contribution is one point, as at N = 1) no multipliers exist and the
 * dual bound stays loose; such a box is closed when SLSQP converged on
 * its relaxation, and the result says that the certificate rests on it.
 */
#ifndef CML_BOUND_H
#define CML_BOUND_H

#include <stdbool.h>

#include "local.h"

/* Relative gap (of E[a(S)]) within which the incumbent is certified. */
#define BOUND_GAP_TOL 1e-9
/* Most boxes one search solves the relaxation in. */
#define BOUND_MAX_NODES 400

struct bound_result {
	bool certified;     /* no contract beats best by more than the gap */
	double upper_bound; /* on E[a(S)] over every feasible contract (a
			       box closed by convergence counts with its
			       dual bound) */
	int nodes;          /* relaxations solved (1: settled at the root) */
	bool by_convergence; /* some box was closed by SLSQP's convergence
				on its relaxation, not by a dual bound */
};

/*
 * Searches for contracts better than best (a verified, feasible point of
 * r's model) and replaces best by the best one found.  r is left on the
 * true problem over the whole domain.  Stops by deadline (clock_seconds()).
 * Returns 0, or -1 if memory ran out (out then says not certified).
 */
int bound_search(struct local_run *r, struct start_point *best,
		 double deadline, struct bound_result *out);

#endif
