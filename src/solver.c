/*
 * solver.c - the first-moment problem with NLopt's SLSQP.
 *
 * problem.c states the problem in scaled variables; this file decides
 * where to start, runs SLSQP, verifies the answer and resolves pooling.
 *
 * A cold start takes the best of a few contracts known to be feasible
 * (start.c), so SLSQP never starts in the flat a = 0 region when there is
 * anything to gain.  A warm start re-solves from a previous solution and
 * falls back to a cold start if it ends infeasible or below the
 * stand-alone contract.  Every answer is re-checked here: NLopt 2.7.1's
 * SLSQP can claim success at an infeasible point.
 */
#include "solver.h"

#include <math.h>
#include <nlopt.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "problem.h"
#include "start.h"

/* Constraint violations up to this (value units) count as met. */
#define FEASIBILITY_TOL 1e-9
/*
 * Pooling two types may cost this much of the objective (relative) and
 * still be preferred: below it the objective cannot tell the contracts
 * apart in double precision, and the separated one is noise.
 */
#define POOLING_RESOLUTION 1e-11
/* Adjacent contributions closer than this (relative) are tried pooled. */
#define POOLING_TRY_GAP 1e-3
/*
 * Closer than this they are pooled already, up to rounding: snapping them
 * together only needs to stay feasible (moving m by 1e-8 relative changes
 * the objective by about as much, which is not a real difference).
 */
#define POOLING_SNAP_GAP 1e-8
/* Evaluations without progress after which a run is stopped. */
#define STALL_LIMIT 4

struct solver {
	int maxeval;
	double maxtime;
};

/* One solve in progress: the problem plus what the NLopt callbacks track. */
struct run {
	const struct solver *solver;
	struct problem prob;
	bool pooled[CML_MAX_TYPES];  /* increment k held at 0 */
	nlopt_opt opt;               /* the SLSQP run in progress */
	double stall_f;              /* objective when the stall began */
	double stall_x[2 * CML_MAX_TYPES];
	int stall_count;             /* evaluations without real progress */
	bool stalled;                /* the last SLSQP run ended in a stall */
	bool main_stalled;           /* the same, for the main run */
	bool main_exhausted;         /* the main run hit maxeval or maxtime */
};

struct solver *solver_create(void)
{
	struct solver *s = calloc(1, sizeof(*s));

	if (s != NULL) {
		s->maxeval = 3000;
		s->maxtime = 10.0;
	}
	return s;
}

void solver_free(struct solver *s)
{
	free(s);
}

void solver_set_maxeval(struct solver *s, int maxeval)
{
	s->maxeval = maxeval;
}

void solver_set_maxtime(struct solver *s, double seconds)
{
	s->maxtime = seconds;
}

const char *solver_result_string(enum solver_result result)
{
	switch (result) {
	case SOLVER_OK:
		return "optimal contract found";
	case SOLVER_NO_COLLABORATION:
		return "no contract beats opting out: no collaboration";
	case SOLVER_FAILED:
		return "the optimiser failed to find a feasible contract";
	case SOLVER_INFEASIBLE:
		return "the optimiser's answer violates a constraint";
	case SOLVER_STOPPED:
		return "the optimiser ran out of evaluations or time before "
		       "converging";
	}
	return "unknown result";
}

const char *solver_result_key(enum solver_result result)
{
	switch (result) {
	case SOLVER_OK:
		return "ok";
	case SOLVER_NO_COLLABORATION:
		return "no_collaboration";
	case SOLVER_FAILED:
		return "failed";
	case SOLVER_INFEASIBLE:
		return "infeasible";
	case SOLVER_STOPPED:
		return "stopped";
	}
	return "unknown";
}

double solver_max_violation(const struct model *mdl, const double *m,
			    const double *t, const double *tbar)
{
	return problem_max_violation(mdl, m, t, tbar);
}

/*
 * SLSQP's line search can spend a dozen evaluations halving a step that
 * changes nothing: at the optimum the objective is flat to the last bit.
 * When the point and the objective have not moved beyond rounding for
 * STALL_LIMIT evaluations, stop the run (NLopt keeps the best point).
 */
static void watch_stall(struct run *r, unsigned n, const double *x, double f)
{
	bool moved = !(fabs(f - r->stall_f) <= 1e-13 * fabs(f));

	for (unsigned i = 0; i < n && !moved; i++)
		moved = fabs(x[i] - r->stall_x[i]) > 1e-10 * fmax(1.0, fabs(x[i]));
	if (moved) {
		r->stall_f = f;
		memcpy(r->stall_x, x, n * sizeof(double));
		r->stall_count = 0;
	} else if (++r->stall_count >= STALL_LIMIT && r->opt != NULL) {
		r->stalled = true;
		nlopt_force_stop(r->opt);
	}
}

static double nlopt_objective(unsigned n, const double *x, double *grad,
			      void *data)
{
	struct run *r = data;
	double f = problem_objective(&r->prob, x, grad);

	watch_stall(r, n, x, f);
	return f;
}

static void nlopt_constraints(unsigned count, double *result, unsigned n,
			      const double *x, double *grad, void *data)
{
	struct run *r = data;

	(void)count;
	(void)n;
	problem_eval_constraints(&r->prob, x, result, grad);
}

/* One SLSQP run from start; end receives the verified end point. */
static int run_slsqp(struct run *r, const struct start_point *start,
		     struct start_point *end)
{
	struct problem *p = &r->prob;
	int types = p->types, n = problem_variables(p);
	int ncons = problem_constraints(p);
	double x[2 * CML_MAX_TYPES], lb[2 * CML_MAX_TYPES],
		ub[2 * CML_MAX_TYPES], tol[3 * CML_MAX_TYPES];
	double u[CML_MAX_TYPES], best_f = 0.0;
	double top = 2.0 * p->mdl->value_scale / p->mdl->cost[types - 1];
	nlopt_opt opt = nlopt_create(NLOPT_LD_SLSQP, (unsigned)n);

	if (opt == NULL)
		return NLOPT_OUT_OF_MEMORY;
	for (int i = 0; i < types; i++) {
		lb[i] = 0.0;
		ub[i] = r->pooled[i] ? 0.0 : top / p->scale_d[i];
		lb[types + i] = 0.0;
		ub[types + i] = 2.0;
	}
	for (int k = 0; k < ncons; k++)
		tol[k] = 1e-13;
	problem_pack(p, start->m, start->t, x);
	for (int i = 0; i < n; i++)
		x[i] = fmin(fmax(x[i], lb[i]), ub[i]);
	nlopt_set_lower_bounds(opt, lb);
	nlopt_set_upper_bounds(opt, ub);
	nlopt_set_max_objective(opt, nlopt_objective, r);
	nlopt_add_inequality_mconstraint(opt, (unsigned)ncons,
					 nlopt_constraints, r, tol);
	nlopt_set_xtol_rel(opt, 1e-12);
	nlopt_set_ftol_rel(opt, 1e-15);
	nlopt_set_maxeval(opt, r->solver->maxeval);
	nlopt_set_maxtime(opt, r->solver->maxtime);
	r->opt = opt;
	r->stall_f = NAN;
	r->stall_count = 0;
	r->stalled = false;
	int code = nlopt_optimize(opt, x, &best_f);
	nlopt_destroy(opt);
	r->opt = NULL;
	problem_unpack(p, x, end->m, u);
	start_evaluate(p->mdl, end);
	return code;
}

static bool feasible(const struct start_point *p)
{
	return p->violation <= FEASIBILITY_TOL;
}

/* True if a is a better verified contract than b. */
static bool better(const struct start_point *a, const struct start_point *b)
{
	if (feasible(a) != feasible(b))
		return feasible(a);
	if (!feasible(a))
		return a->violation < b->violation;
	return a->objective > b->objective;
}

/*
 * Pools the pairs marked in which: every contribution from type k on moves
 * down by the gap at k, so m_k = m_{k-1} exactly.
 */
static void snap_pooled(const struct model *mdl, const bool *which,
			struct start_point *c)
{
	double shift = 0.0;

	for (int k = 1; k < mdl->ntypes; k++) {
		double gap = (c->m[k] - shift) - c->m[k - 1]; /* k-1 moved */
		if (which[k])
			shift += gap;
		c->m[k] -= shift;
	}
	start_evaluate(mdl, c);
}

/*
 * True if pooled is feasible and loses no more than the resolution (or,
 * for gaps that were rounding already, if it is feasible).
 */
static bool pooling_keeps(const struct start_point *pooled,
			  const struct start_point *best, bool rounding)
{
	return feasible(pooled) &&
	       (rounding || pooled->objective >=
				    best->objective * (1.0 - POOLING_RESOLUTION));
}

/*
 * Tries to pool the pairs in which (on top of those already pooled):
 * first by snapping alone, then by re-solving with them held pooled.
 * On success best is replaced and the pairs stay pooled.
 */
static bool try_pooling(struct run *r, const bool *which,
			struct start_point *best)
{
	struct start_point trial = *best, end;
	bool saved[CML_MAX_TYPES], rounding = true;

	for (int k = 1; k < r->prob.types; k++)
		if (which[k] && best->m[k] - best->m[k - 1] >
					POOLING_SNAP_GAP * best->m[k])
			rounding = false;
	snap_pooled(r->prob.mdl, which, &trial);
	memcpy(saved, r->pooled, sizeof(saved));
	for (int k = 1; k < r->prob.types; k++)
		r->pooled[k] = r->pooled[k] || which[k];
	if (pooling_keeps(&trial, best, rounding)) {
		*best = trial;
		return true;
	}
	problem_set_scales(&r->prob, best->m);
	(void)run_slsqp(r, &trial, &end);
	if (pooling_keeps(&end, best, false)) {
		*best = end;
		return true;
	}
	memcpy(r->pooled, saved, sizeof(saved));
	return false;
}

/*
 * SLSQP from start, then pooling resolution: adjacent types left nearly
 * pooled are tried exactly pooled, and kept pooled when that costs less
 * than POOLING_RESOLUTION of the objective.  Along such directions the
 * objective is flat to the last digits, and an optimiser's stopping point
 * would otherwise show separations that are not there.  All near pairs
 * are tried together first (the usual case), then one at a time.
 */
static int solve_from(struct run *r, const struct start_point *start,
		      struct start_point *best)
{
	struct start_point end;
	bool near[CML_MAX_TYPES] = { false }, one[CML_MAX_TYPES];
	int count = 0, code;

	memset(r->pooled, 0, sizeof(r->pooled));
	problem_set_scales(&r->prob, start->m);
	code = run_slsqp(r, start, &end);
	r->main_stalled = r->stalled;
	r->main_exhausted = code == NLOPT_MAXEVAL_REACHED ||
			    code == NLOPT_MAXTIME_REACHED;
	*best = better(&end, start) ? end : *start;
	if (!feasible(best) || !(best->objective > 0.0) || r->main_exhausted)
		return code;
	for (int k = 1; k < r->prob.types; k++) {
		double gap = best->m[k] - best->m[k - 1];
		near[k] = gap > 0.0 && gap < POOLING_TRY_GAP * best->m[k];
		count += near[k];
	}
	if (count == 0 || try_pooling(r, near, best) || count == 1)
		return code;
	for (int k = 1; k < r->prob.types; k++) {
		if (!near[k])
			continue;
		memset(one, 0, sizeof(one));
		one[k] = true;
		(void)try_pooling(r, one, best);
	}
	return code;
}

enum solver_result solver_run(struct solver *s, const struct model *mdl,
			      const struct solution *warm,
			      struct solution *out, struct solver_stats *stats)
{
	double started = clock_seconds();
	struct run r = { .solver = s };
	struct start_point start, best, alone;
	enum solver_result result;
	int code = NLOPT_SUCCESS, runs = 0;
	bool warm_used = warm != NULL && warm->ntypes == mdl->ntypes;

	start_stand_alone(mdl, &alone);
	problem_init(&r.prob, mdl, alone.m);
	bool cold = !warm_used, keep_warm = false;
	if (warm_used) {
		memcpy(start.m, warm->m, sizeof(start.m));
		start_evaluate(mdl, &start);
		code = solve_from(&r, &start, &best);
		runs++;
		/*
		 * A warm run must end feasible and beat the stand-alone
		 * contract.  One that ends ROUNDOFF_LIMITED has usually given
		 * up at a degenerate start (several constraints active at
		 * once, as where an IR binds exactly) without reaching the
		 * optimum: solve cold as well and keep the better answer.
		 */
		if (!feasible(&best) || best.objective < alone.objective ||
		    r.main_exhausted)
			cold = true;
		else if (code == NLOPT_ROUNDOFF_LIMITED)
			cold = keep_warm = true;
	}
	if (cold) {
		struct start_point warm_best = best;
		int warm_code = code;
		bool warm_stalled = r.main_stalled;
		if (start_best(mdl, FEASIBILITY_TOL, &start) != 0)
			start = alone;
		code = solve_from(&r, &start, &best);
		runs++;
		warm_used = false;
		if (keep_warm && better(&warm_best, &best)) {
			best = warm_best;
			code = warm_code;
			r.main_stalled = warm_stalled;
			r.main_exhausted = false;
			warm_used = true;
		}
	}
	if (r.main_exhausted)
		result = SOLVER_STOPPED;
	else if (!feasible(&best))
		result = code < 0 && code != NLOPT_FORCED_STOP ?
				 SOLVER_FAILED : SOLVER_INFEASIBLE;
	else if (!(best.objective > 0.0))
		result = SOLVER_NO_COLLABORATION;
	else
		result = SOLVER_OK;

	memset(out, 0, sizeof(*out));
	out->ntypes = mdl->ntypes;
	memcpy(out->m, best.m, sizeof(out->m));
	memcpy(out->t, best.t, sizeof(out->t));
	out->expected_accuracy = best.objective;
	out->max_violation = best.violation;
	if (stats != NULL) {
		stats->algorithm = "LD_SLSQP";
		stats->evaluations = r.prob.evaluations;
		stats->nlopt_code = code;
		stats->stalled = code == NLOPT_FORCED_STOP && r.main_stalled;
		stats->seconds = clock_seconds() - started;
		stats->warm = warm_used;
		stats->runs = runs;
	}
	return result;
}
