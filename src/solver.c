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
 * stand-alone contract.  Every answer is re-checked (local.c): NLopt
 * 2.7.1's SLSQP can claim success at an infeasible point.  Then every
 * answer, warm or cold, goes through the global phase (bound.c), which
 * either certifies it or finds the better contract, so a warm start can
 * never keep a local optimum that a cold solve would beat.
 */
#include "solver.h"

#include <math.h>
#include <nlopt.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "bound.h"
#include "local.h"

struct solver {
	int maxeval;
	double maxtime;
	bool global;     /* run the global phase (bound.c) */
	atomic_bool *cancel; /* see solver_set_cancel() */
};

struct solver *solver_create(void)
{
	struct solver *s = calloc(1, sizeof(*s));

	if (s != NULL) {
		s->maxeval = 3000;
		s->maxtime = 10.0;
		s->global = true;
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

void solver_set_global(struct solver *s, bool global)
{
	s->global = global;
}

void solver_set_cancel(struct solver *s, atomic_bool *flag)
{
	s->cancel = flag;
}

const char *solver_result_string(enum solver_result result)
{
	switch (result) {
	case SOLVER_OK:
		return "optimal contract found";
	case SOLVER_LOCAL:
		return "locally optimal contract found (global optimality not "
		       "certified)";
	case SOLVER_NO_COLLABORATION:
		return "no contract beats opting out: no collaboration";
	case SOLVER_FAILED:
		return "the optimiser failed to find a feasible contract";
	case SOLVER_INFEASIBLE:
		return "the optimiser's answer violates a constraint";
	case SOLVER_STOPPED:
		return "the optimiser ran out of evaluations or time before "
		       "converging";
	case SOLVER_CANCELLED:
		return "the solve was abandoned";
	}
	return "unknown result";
}

const char *solver_result_key(enum solver_result result)
{
	switch (result) {
	case SOLVER_OK:
		return "ok";
	case SOLVER_LOCAL:
		return "local";
	case SOLVER_NO_COLLABORATION:
		return "no_collaboration";
	case SOLVER_FAILED:
		return "failed";
	case SOLVER_INFEASIBLE:
		return "infeasible";
	case SOLVER_STOPPED:
		return "stopped";
	case SOLVER_CANCELLED:
		return "cancelled";
	}
	return "unknown";
}

double solver_max_violation(const struct model *mdl, const double *m,
			    const double *t, const double *tbar)
{
	return problem_max_violation(mdl, m, t, tbar);
}

/* Whether every type gives data at p (feasible, m_i > 0 for all i). */
static bool every_type_contributes(const struct model *mdl,
				   const struct start_point *p)
{
	if (!local_feasible(p))
		return false;
	for (int i = 0; i < mdl->ntypes; i++)
		if (!(p->m[i] > 0.0))
			return false;
	return true;
}

/*
 * The local phase: a warm run when a previous solution is given, else (or
 * when the warm run cannot be trusted) a cold run from the best feasible
 * start.  Returns NLopt's code for the run whose answer is kept.
 */
static int solve_locally(struct local_run *r, const struct model *mdl,
			 const struct solution *warm,
			 const struct start_point *alone,
			 struct start_point *best, int *runs, bool *warm_used)
{
	struct start_point start;
	int code = NLOPT_SUCCESS;
	bool cold = !*warm_used, keep_warm = false;

	if (*warm_used) {
		memcpy(start.m, warm->m, sizeof(start.m));
		double spacing = warm->lattice_spacing;
		start_evaluate_at(mdl, &start, &spacing);
		code = local_solve(r, &start, best);
		(*runs)++;
		/*
		 * A warm run must end feasible and beat the stand-alone
		 * contract.  One that ends ROUNDOFF_LIMITED has usually given
		 * up at a degenerate start (several constraints active at
		 * once, as where an IR binds exactly) without reaching the
		 * optimum: solve cold as well and keep the better answer.
		 */
		if (!local_feasible(best) || best->objective < alone->objective ||
		    r->main_exhausted)
			cold = true;
		else if (code == NLOPT_ROUNDOFF_LIMITED &&
			 mdl->method == METHOD_EXACT)
			cold = keep_warm = true; /* approx runs restart instead */
		else if (mdl->participants == 1)
			/* Cheap, and a warm start never sees the levels where
			   N = 1's budgets touch their reward lines (start.c). */
			cold = keep_warm = true;
	}
	if (!cold)
		return code;
	struct start_point warm_best = *best;
	int warm_code = code;
	bool warm_stalled = r->main_stalled;
	if (start_best(mdl, LOCAL_FEASIBILITY_TOL, &start) != 0)
		start = *alone;
	code = local_solve(r, &start, best);
	(*runs)++;
	*warm_used = false;
	/*
	 * A pooled start can hold SLSQP in a basin where the types pooled at
	 * no data stay there (a(S) = 0 is flat); the stand-alone contract
	 * starts every type where it trains alone.  Solve from it as well,
	 * unless every type ended with data (then there is no such basin,
	 * and a second run would double the time at 32 types).
	 */
	if (memcmp(start.m, alone->m, sizeof(start.m)) != 0 &&
	    !r->main_exhausted && !every_type_contributes(mdl, best)) {
		struct start_point from_alone;
		bool stalled = r->main_stalled;
		int alone_code = local_solve(r, alone, &from_alone);
		(*runs)++;
		if (!r->main_exhausted && local_better(&from_alone, best)) {
			*best = from_alone;
			code = alone_code;
		} else {
			r->main_stalled = stalled;
			r->main_exhausted = false;
		}
	}
	if (keep_warm && local_better(&warm_best, best)) {
		*best = warm_best;
		code = warm_code;
		r->main_stalled = warm_stalled;
		r->main_exhausted = false;
		*warm_used = true;
	}
	return code;
}

enum solver_result solver_run(struct solver *s, const struct model *mdl,
			      const struct solution *warm,
			      struct solution *out, struct solver_stats *stats)
{
	double started = clock_seconds();
	struct local_run r;
	struct start_point best, alone;
	struct bound_result global = { .certified = false,
				       .upper_bound = INFINITY,
				       .by_convergence = false };
	enum solver_result result;
	int runs = 0;
	bool warm_used = warm != NULL && warm->ntypes == mdl->ntypes;

	start_stand_alone(mdl, &alone);
	local_init(&r, mdl, s->maxeval, s->maxtime, alone.m);
	r.cancel = s->cancel;
	if (warm_used)
		r.prob.lattice_hint = warm->lattice_spacing;
	int code = solve_locally(&r, mdl, warm, &alone, &best, &runs,
				 &warm_used);
	bool exhausted = r.main_exhausted, stalled = r.main_stalled;
	local_push_up(mdl, &best);
	/*
	 * The global phase, for every answer, warm or cold: a local optimum
	 * is kept only when no box of the relaxation can beat it.
	 */
	/* The relaxation sums over outcomes: the exact method only. */
	if (s->global && mdl->method == METHOD_EXACT && local_feasible(&best) &&
	    !exhausted) {
		double before = best.objective;
		(void)bound_search(&r, &best, started + s->maxtime, &global);
		if (best.objective > before) {
			/* Found in a box: polish it over the whole domain. */
			struct start_point polished;
			(void)local_solve(&r, &best, &polished);
			runs++;
			if (local_better(&polished, &best))
				best = polished;
			local_push_up(mdl, &best);
			warm_used = false;
		}
	}
	if (local_cancelled(&r))
		result = SOLVER_CANCELLED;
	else if (exhausted)
		result = SOLVER_STOPPED;
	else if (!local_feasible(&best))
		result = code < 0 && code != NLOPT_FORCED_STOP ?
				 SOLVER_FAILED : SOLVER_INFEASIBLE;
	else if (!(best.objective > 0.0))
		result = SOLVER_NO_COLLABORATION;
	else
		result = global.certified ? SOLVER_OK : SOLVER_LOCAL;

	memset(out, 0, sizeof(*out));
	out->ntypes = mdl->ntypes;
	/* Only the types' entries: the rest of a start point is not set. */
	size_t types = (size_t)mdl->ntypes;
	memcpy(out->m, best.m, sizeof(out->m[0]) * types);
	memcpy(out->t, best.t, sizeof(out->t[0]) * types);
	out->expected_accuracy = best.objective;
	out->max_violation = best.violation * mdl->value_scale;
	out->lattice_spacing = r.prob.lattice_hint;
	if (stats != NULL) {
		stats->algorithm = "LD_SLSQP";
		stats->evaluations = r.prob.evaluations;
		stats->nlopt_code = code;
		stats->stalled = code == NLOPT_FORCED_STOP && stalled;
		stats->seconds = clock_seconds() - started;
		stats->warm = warm_used;
		stats->runs = runs;
		stats->certified = global.certified;
		stats->objective_bound = fmax(global.upper_bound, best.objective);
		stats->nodes = global.nodes;
		stats->by_convergence = global.by_convergence;
	}
	return result;
}
