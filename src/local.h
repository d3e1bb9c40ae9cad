/*
 * local.h - one local solve of the first-moment problem: SLSQP from a
 * start, then pooling resolution.  solver.c and bound.c share it.
 *
 * A run may be confined to a box of increments d_k = m_k - m_{k-1}
 * (bound.c's branches) and may solve the convex relaxation instead of the
 * true problem (problem_set_relaxation()).
 */
#ifndef CML_LOCAL_H
#define CML_LOCAL_H

#include <nlopt.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "problem.h"
#include "start.h"

/*
 * Constraint violations up to this fraction of the value scale V count
 * as met: 1e-9 in value units on the paper's scale (V = 100).  Relative,
 * because t_i and tbar_i carry V's rounding: at V = 1e6 an absolute 1e-9
 * is below what double precision tells apart.
 */
#define LOCAL_FEASIBILITY_TOL 1e-11

/* One solve in progress: the problem plus what the NLopt callbacks track. */
struct local_run {
	int maxeval;                 /* caps for each SLSQP run */
	double maxtime;
	double deadline;             /* when > 0, no run goes past this
					clock_seconds(); see local_slsqp() */
	atomic_bool *cancel;         /* when set (by another thread), every
					run stops at its next evaluation */
	struct problem prob;
	double box_lo[CML_MAX_TYPES]; /* increments d_k confined to */
	double box_hi[CML_MAX_TYPES]; /* [box_lo, box_hi] (m units) */
	bool pooled[CML_MAX_TYPES];  /* increment k held at 0 */
	nlopt_opt opt;               /* the SLSQP run in progress */
	double stall_f;              /* objective when the stall began */
	double stall_x[2 * CML_MAX_TYPES];
	double last_x[2 * CML_MAX_TYPES]; /* the last point evaluated */
	double last_f;               /* its objective (-inf before any) */
	double objective_scale;      /* what SLSQP sees: E[a] times this */
	double run_error;            /* the largest expectation bound of the
					run's evaluations (approx) */
	int stall_count;             /* evaluations without real progress */
	bool stalled;                /* the last SLSQP run ended in a stall */
	bool main_stalled;           /* the same, for the main run */
	bool main_exhausted;         /* the main run hit maxeval or maxtime */
	/* The last SLSQP run's end point and bounds, in scaled variables: */
	double x_end[2 * CML_MAX_TYPES];
	double x_lo[2 * CML_MAX_TYPES], x_hi[2 * CML_MAX_TYPES];
};

/*
 * Prepares r for mdl: the whole domain as its box, the true problem,
 * scales from contributions m.
 */
void local_init(struct local_run *r, const struct model *mdl, int maxeval,
		double maxtime, const double *m);

/* Sets the box back to the whole domain (0 <= d_k <= the largest). */
void local_reset_box(struct local_run *r);

/*
 * One SLSQP run from start (clamped into the box).  For the true problem
 * end is the verified end point (cheapest rewards for its m); for the
 * relaxation it is the end point as solved, with the relaxed objective
 * and the relaxed constraints' violation.  Returns NLopt's code.
 */
int local_slsqp(struct local_run *r, const struct start_point *start,
		struct start_point *end);

/* SLSQP from start, then pooling resolution; best is the better of both. */
int local_solve(struct local_run *r, const struct start_point *start,
		struct start_point *best);

/*
 * Raises each type's contribution, where its constraints leave room, to
 * the edge of that room (p feasible; kept if not).
 */
void local_push_up(const struct model *mdl, struct start_point *p);

/* True if another thread asked this solve to stop. */
static inline bool local_cancelled(const struct local_run *r)
{
	return r->cancel != NULL && atomic_load(r->cancel);
}

/* True if the point meets every constraint within the tolerance. */
bool local_feasible(const struct start_point *p);

/* True if a is a better verified contract than b. */
bool local_better(const struct start_point *a, const struct start_point *b);

#endif
