/*
 * solver.h - the first-moment problem, solved with NLopt (LD_SLSQP).
 *
 * Shaped like NLopt itself: an opaque solver with create/free and setters,
 * and a run that returns a result code with a sentence for the user.
 *
 * The problem (MODEL.md): maximise E[a(S)] over contributions m and
 * rewards t subject to IR, IC and the first-moment budgets t_i <= tbar_i.
 * The solver works in increments d_k = m_k - m_{k-1} >= 0 (so pooling is
 * a bound met exactly) and the slack e_k of each adjacent downward IC
 * constraint (0 where the paper's Theorem 1 binds), all scaled to order 1.
 * Its answer is re-checked here: NLopt 2.7.1's SLSQP can claim success at
 * an infeasible point.
 */
#ifndef CML_SOLVER_H
#define CML_SOLVER_H

#include <stdatomic.h>
#include <stdbool.h>

#include "model.h"

enum solver_result {
	SOLVER_OK = 0,               /* converged; constraints verified;
					globally optimal (bound.h) */
	SOLVER_NO_COLLABORATION = 1, /* optimum is m = 0, E[a(S)] = 0 */
	SOLVER_LOCAL = 2,            /* feasible and locally optimal, but
					global optimality not certified */
	SOLVER_FAILED = -1,          /* NLopt failed and no feasible point */
	SOLVER_INFEASIBLE = -2,      /* best point violates a constraint */
	SOLVER_STOPPED = -3,         /* stopped by maxeval/maxtime early */
	SOLVER_CANCELLED = -4,       /* stopped at the caller's request */
};

/* A solution of the first-moment problem. */
struct solution {
	int ntypes;
	double m[CML_MAX_TYPES];     /* contributions, non-decreasing */
	double t[CML_MAX_TYPES];     /* first-moment rewards (value terms) */
	double expected_accuracy;    /* E[a(S)], the objective */
	double max_violation;        /* largest constraint violation (value) */
	/*
	 * The approx method's lattice spacing at the end (0: none): a warm
	 * re-solve starts from it rather than refining afresh.
	 */
	double lattice_spacing;
};

/* How a run went. */
struct solver_stats {
	const char *algorithm;       /* "LD_SLSQP" */
	int evaluations;             /* objective evaluations, all phases */
	int nlopt_code;              /* nlopt_result of the main run */
	bool stalled;                /* that run was stopped for lack of
					progress beyond rounding (converged) */
	double seconds;              /* wall time of the run */
	bool warm;                   /* started from a given solution */
	int runs;                    /* local solves made outside the
					global phase */
	bool certified;              /* no contract beats this one by more
					than BOUND_GAP_TOL (relative) */
	double objective_bound;      /* upper bound on E[a(S)] over every
					feasible contract */
	int nodes;                   /* relaxations the global phase solved */
	bool by_convergence;         /* the certificate rests in part on
					SLSQP's convergence on a relaxation
					(bound.h), not on dual bounds alone */
};

struct solver;

struct solver *solver_create(void);
void solver_free(struct solver *s);

/* Caps for one run (defaults: 3000 evaluations, 10 s). */
void solver_set_maxeval(struct solver *s, int maxeval);
void solver_set_maxtime(struct solver *s, double seconds);

/*
 * Whether to run the global phase (default true).  Without it an answer
 * is a local optimum, reported as SOLVER_LOCAL; the benchmark uses this
 * to measure what the phase costs.
 */
void solver_set_global(struct solver *s, bool global);

/*
 * A flag another thread may set to stop the solver's runs at their next
 * evaluation (NULL: none).  A solve that sees it set returns
 * SOLVER_CANCELLED.  The flag must outlive the solver's runs.
 */
void solver_set_cancel(struct solver *s, atomic_bool *flag);

/*
 * Solves the model.  warm may be NULL (cold start) or a solution of a
 * nearby model with the same number of types.  out receives the best
 * verified point; stats (may be NULL) how the run went.
 */
enum solver_result solver_run(struct solver *s, const struct model *mdl,
			      const struct solution *warm,
			      struct solution *out, struct solver_stats *stats);

/* One sentence describing a result code. */
const char *solver_result_string(enum solver_result result);

/* A stable key for a result code in JSON and CSV, e.g. "ok". */
const char *solver_result_key(enum solver_result result);

/* Largest violation of IR, IC, monotonicity and budgets at (m, t). */
double solver_max_violation(const struct model *mdl, const double *m,
			    const double *t, const double *tbar);

#endif
