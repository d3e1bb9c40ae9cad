/*
 * sweep.h - parameter sweeps: one contract per point of a 1-D or 2-D grid.
 *
 * A sweep varies one parameter (x) or two (x and y) of a base scenario
 * over evenly spaced values (sweep-axis.h) and solves the contract at
 * every grid point, optionally with the complete-information benchmark.
 * Points are visited in serpentine order - row 0 left to right, row 1
 * right to left, ... - so each solve is warm-started from the contract of
 * its grid neighbour (the solver falls back to a cold start by itself).
 * A point whose edited scenario is invalid (c.2 moved onto c.1, p.1 = 1,
 * too many outcomes) is marked invalid with a reason; it does not stop
 * the sweep.
 *
 * Two ways to compute, on the same handle:
 *   - sweep_run(): blocking, on several threads.  The serpentine order is
 *     cut into contiguous bands of about equal work, one per thread, each
 *     with its own solver and model; the engine has no shared state.
 *   - sweep_step(): cooperative, in the calling thread, for a UI loop
 *     that draws the grid as it fills in: each call computes points for
 *     about the time it is given and returns.
 * Either may follow the other; points already done are kept and are not
 * solved again.
 *
 * Call order: sweep_create(), then sweep_run() or repeated sweep_step()
 * until sweep_finished(), reading points with sweep_at() at any time
 * between calls (never during sweep_run() from another thread), then
 * sweep_free().  A handle is used by one thread at a time.
 */
#ifndef CML_SWEEP_H
#define CML_SWEEP_H

#include <stdbool.h>

#include "contract.h"
#include "error.h"
#include "scenario.h"
#include "sweep-axis.h"

struct sweep_point {
	bool done;             /* computed (valid or not) */
	bool valid;            /* the edited scenario was valid and solved */
	char reason[128];      /* why not valid, one line; "" if valid */
	double x, y;           /* the axis values (y = 0 for 1-D sweeps) */
	struct contract contract; /* when valid; contract.result < 0 means
				     the solver failed at this point */
};

struct sweep;

/*
 * Prepares a sweep of base (validated, types sorted by cost) over x and,
 * unless y is NULL, y; both axes must have been parsed against base and
 * must not set the same parameter.  The handle copies everything it is
 * given.  Every point starts not done, with its x and y filled in.
 * Returns NULL with err filled (too many points, conflicting axes, out
 * of memory).
 */
struct sweep *sweep_create(const struct scenario *base,
			   const struct sweep_axis *x,
			   const struct sweep_axis *y, bool complete_info,
			   struct cml_error *err);

/* Frees the handle and every point (NULL is allowed). */
void sweep_free(struct sweep *s);

/* Grid size: columns = x's steps; rows = y's steps, or 1 for 1-D. */
int sweep_columns(const struct sweep *s);
int sweep_rows(const struct sweep *s);

/* The axes as given; sweep_y() is NULL for a 1-D sweep. */
const struct sweep_axis *sweep_x(const struct sweep *s);
const struct sweep_axis *sweep_y(const struct sweep *s);

/* The point in column ix, row iy (iy = 0 for 1-D); owned by the sweep. */
const struct sweep_point *sweep_at(const struct sweep *s, int ix, int iy);

/*
 * Computes every point not yet done, on threads threads (<= 0: the
 * number of online CPUs; capped at the number of points left).
 * progress (may be NULL) is called from the calling thread only, at most
 * about ten times a second, and once more with done == total at the end.
 * Returns 0, or -1 if no solver could be created (points left undone).
 */
int sweep_run(struct sweep *s, int threads,
	      void (*progress)(void *ctx, int done, int total), void *ctx);

/*
 * Computes points in serpentine order in the calling thread until
 * seconds have passed (at least one point per call) or the grid is
 * done.  Returns the number of points done so far, or -1 if no solver
 * could be created.
 */
int sweep_step(struct sweep *s, double seconds);

/*
 * Restricts the sweep to shard shard of shards (1-based): the points whose
 * row-major index ix + iy * columns is shard - 1 modulo shards, so that
 * shards interleave and share the work evenly.  The others stay not done
 * (reports write them so; see sweep-merge.h).  Only before any point is
 * computed; returns -1 otherwise or if shard is not in 1..shards.
 */
int sweep_set_shard(struct sweep *s, int shard, int shards);

/*
 * Solves every point cold instead of warm-starting it from its neighbour:
 * each point's result then depends on nothing but the point, so any
 * split into shards or threads gives the same numbers.
 */
void sweep_set_cold(struct sweep *s, bool cold);

/* Points done so far, and whether that is all of them (of the shard). */
int sweep_done(const struct sweep *s);
bool sweep_finished(const struct sweep *s);

/* Wall-clock seconds spent computing in sweep_run() and sweep_step(). */
double sweep_seconds(const struct sweep *s);

#endif
