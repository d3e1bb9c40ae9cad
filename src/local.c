/*
 * local.c - SLSQP runs and pooling resolution.
 */
#include "local.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "menu.h"
#include "moments.h"

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
/* See objective_scale(). */
#define OBJECTIVE_GRADIENT 10.0
#define OBJECTIVE_SCALE_MIN 1.0
#define OBJECTIVE_SCALE_MAX 1e8
/* Fresh runs from a run's end while each gains this much (relative). */
#define RESTARTS 3
#define RESTART_GAIN 1e-12
/* Bisection steps that bring a nearly feasible end point inside. */
#define REPAIR_STEPS 48
/* NLopt's tolerance on each constraint row (rows are in units of V). */
#define ROW_TOL 1e-13
/*
 * An end point taken from outside NLopt must meet every constraint to
 * about rounding (relative to V) and beat NLopt's by more than such a
 * violation can buy: where the profit is flat around the stand-alone
 * contribution (N = 1), a violation of 1e-15 V moves m by 1e-8 and buys
 * 2e-8 of the objective.  The points this is for gain 1e-3.
 */
#define REPAIR_TOL 1e-15
#define REPAIR_GAIN 1e-7

void local_reset_box(struct local_run *r)
{
	const struct model *mdl = r->prob.mdl;
	double top = 2.0 * mdl->value_scale / mdl->cost[mdl->ntypes - 1];

	for (int k = 0; k < mdl->ntypes; k++) {
		r->box_lo[k] = 0.0;
		r->box_hi[k] = top;
	}
}

void local_init(struct local_run *r, const struct model *mdl, int maxeval,
		double maxtime, const double *m)
{
	memset(r, 0, sizeof(*r));
	r->maxeval = maxeval;
	r->maxtime = maxtime;
	problem_init(&r->prob, mdl, m);
	local_reset_box(r);
}

/*
 * Type i's contribution raised as far as every constraint allows (not
 * past m_{i+1}), never to more violation than allowed: step doubling,
 * then bisection.  Returns true if it moved.
 */
static bool push_type(const struct model *mdl, int i, double allowed,
		      struct start_point *p)
{
	struct start_point lo = *p, hi = *p;
	double ceiling = i + 1 < mdl->ntypes ? p->m[i + 1] : INFINITY;
	double step = 1e-6 * fmax(p->m[i], 1e-3 * mdl->reserve[i].contribution);

	if (!(step > 0.0) || !(p->m[i] < ceiling))
		return false;
	for (;;) {
		hi.m[i] = fmin(lo.m[i] + step, ceiling);
		start_evaluate(mdl, &hi);
		if (!(hi.violation <= allowed))
			break;
		lo = hi;
		if (hi.m[i] == ceiling || !(lo.m[i] < 1e300))
			break;
		step *= 4.0;
	}
	if (lo.m[i] == p->m[i])
		return false;
	for (int it = 0; it < 100 && hi.m[i] - lo.m[i] > 1e-13 * hi.m[i] &&
			 !(hi.violation <= allowed); it++) {
		struct start_point mid = lo;
		mid.m[i] = 0.5 * (lo.m[i] + hi.m[i]);
		start_evaluate(mdl, &mid);
		if (mid.violation <= allowed)
			lo = mid;
		else
			hi = mid;
	}
	if (!local_better(&lo, p))
		return false;
	*p = lo;
	return true;
}

/*
 * E[a(S)] never falls when a contribution rises, so where a type's
 * constraints leave room its contribution can only gain.  SLSQP can
 * leave such room where a(S) is nearly flat (a saturated accuracy,
 * gradient 1e-7) or where it cannot move at all (N = 1, where a type's
 * budget touching its reward line leaves no multipliers), and there the
 * certificate cannot see the loss.  One pass over the outcomes finds
 * the types whose own budget has room; only those are pushed, from the
 * lowest cost up, and once more if one moved (a type's room can open
 * when the next one moved).  Where every budget binds (Prop. 7's usual
 * case) that one pass is the whole cost.
 */
void local_push_up(const struct model *mdl, struct start_point *p)
{
	/*
	 * Rounding only, and never more violation than p has: pushing into
	 * the feasibility tolerance would move a budget tangent to its
	 * reward line (N = 1) by the tolerance's square root, a gain that
	 * is not there.
	 */
	double allowed = fmin(fmax(p->violation, 1e-15), 1e-14);
	double room = 1e-12 * mdl->value_scale;

	if (!local_feasible(p))
		return;
	for (int round = 0; round < 2; round++) {
		struct moments mom;
		double t[CML_MAX_TYPES];
		bool moved = false;
		menu_min_rewards(mdl, p->m, t);
		moments_eval_hinted(mdl, p->m, NULL, false, false, NULL, &mom);
		for (int i = mdl->ntypes - 1; i >= 0; i--)
			if (mom.tbar[i] - t[i] > room)
				moved = push_type(mdl, i, allowed, p) || moved;
		if (!moved)
			break;
	}
}

bool local_feasible(const struct start_point *p)
{
	/*
	 * Approximate budgets are known to their bound only: a point met
	 * on one lattice may miss by that on another (a budget is at most
	 * V, so the relative bound is also one in units of V).
	 */
	return p->violation <= LOCAL_FEASIBILITY_TOL + 2.0 * p->error;
}

bool local_better(const struct start_point *a, const struct start_point *b)
{
	if (local_feasible(a) != local_feasible(b))
		return local_feasible(a);
	if (!local_feasible(a))
		return a->violation < b->violation;
	return a->objective > b->objective;
}

/*
 * SLSQP's line search can spend a dozen evaluations halving a step that
 * changes nothing: at the optimum the objective is flat to the last bit.
 * When the point and the objective have not moved beyond rounding for
 * STALL_LIMIT evaluations, stop the run (NLopt keeps the best point).
 */
static void watch_stall(struct local_run *r, unsigned n, const double *x,
			double f)
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
	struct local_run *r = data;
	double f = problem_objective(&r->prob, x, grad);

	memcpy(r->last_x, x, n * sizeof(double));
	r->last_f = f;
	if (local_cancelled(r) && r->opt != NULL)
		nlopt_force_stop(r->opt);
	watch_stall(r, n, x, f);
	r->run_error = fmax(r->run_error, r->prob.mom.error);
	if (grad != NULL)
		for (unsigned k = 0; k < n; k++)
			grad[k] *= r->objective_scale;
	return f * r->objective_scale;
}

static void nlopt_constraints(unsigned count, double *result, unsigned n,
			      const double *x, double *grad, void *data)
{
	struct local_run *r = data;

	(void)count;
	(void)n;
	problem_eval_constraints(&r->prob, x, result, grad);
}

/* The end point of a run on the relaxation, as solved. */
static void relaxed_end(struct problem *p, const double *x,
			struct start_point *end)
{
	double u[CML_MAX_TYPES], values[3 * CML_MAX_TYPES], worst = 0.0;

	problem_unpack(p, x, end->m, u);
	for (int i = 0; i < p->types; i++)
		end->t[i] = u[i] + p->mdl->cost[i] * end->m[i];
	end->objective = problem_objective(p, x, NULL);
	problem_eval_constraints(p, x, values, NULL);
	for (int k = 0; k < problem_constraints(p); k++)
		worst = fmax(worst, values[k]); /* rows are in units of V */
	end->violation = worst;
	end->error = p->mom.error;
}

/*
 * Moves an infeasible point bad back along the segment towards the
 * feasible good until it is feasible: the nearest such point found by
 * bisection (a rounding's worth of violation costs a rounding's worth of
 * objective).  bad is left as it is if the segment gives nothing better
 * than good.
 */
static void repair_toward(const struct model *mdl, double spacing,
			  const struct start_point *good, struct start_point *bad)
{
	struct start_point best = *good, trial;
	double lo = 0.0, hi = 1.0; /* feasible at lo, not at hi */

	for (int step = 0; step < REPAIR_STEPS && hi - lo > 1e-14; step++) {
		double mid = 0.5 * (lo + hi);
		for (int i = 0; i < mdl->ntypes; i++)
			trial.m[i] = good->m[i] + mid * (bad->m[i] - good->m[i]);
		start_evaluate_at(mdl, &trial, &spacing);
		if (trial.violation <= REPAIR_TOL + 2.0 * trial.error) {
			lo = mid;
			best = trial;
		} else {
			hi = mid;
		}
	}
	if (best.objective > good->objective)
		*bad = best;
}

/*
 * The time one SLSQP run may take: maxtime, and no more than is left
 * before the deadline (a tiny positive amount once it has passed: NLopt
 * takes 0 as no limit).  Each box of the global phase runs SLSQP several
 * times; without this the phase could overrun its deadline by that many
 * maxtimes (seen at 64 types: 17.5 s for a 10 s solve).
 */
static double run_seconds(const struct local_run *r)
{
	if (!(r->deadline > 0.0))
		return r->maxtime;
	double left = r->deadline - clock_seconds();
	return fmax(fmin(r->maxtime, left), 1e-3);
}

/*
 * SLSQP's first steps take its Hessian estimate as the identity: with
 * E[a] near 1 (large N) its gradient is small in the scaled variables,
 * the steps are as small, and a run either crawls (a 1e-5 gain over 40
 * steps of a warm re-solve) or ends on XTOL at its start (4 types at
 * N = 10000 pooled at 0.99358 where 0.99447 separates).  The objective
 * is scaled so that its largest partial derivative at the start is
 * OBJECTIVE_GRADIENT (10 measured best of 0.1 to 100 on 80 random
 * scenarios; never scaled down).  Approx solves only: exact ones have
 * the global phase behind them, whose relaxations and dual bounds take
 * the objective as it is.
 */
static double objective_scale(struct problem *p, const double *x, int n)
{
	double grad[2 * CML_MAX_TYPES], largest = 0.0;

	if (p->mdl->method != METHOD_APPROX || p->relax != NULL)
		return 1.0;

	(void)problem_objective(p, x, grad);
	for (int k = 0; k < n; k++)
		largest = fmax(largest, fabs(grad[k]));
	if (!(largest > 0.0) || !isfinite(largest))
		return 1.0;
	return fmin(fmax(OBJECTIVE_GRADIENT / largest, OBJECTIVE_SCALE_MIN),
		    OBJECTIVE_SCALE_MAX);
}

int local_slsqp(struct local_run *r, const struct start_point *start,
		struct start_point *end)
{
	struct problem *p = &r->prob;
	int types = p->types, n = problem_variables(p);
	int ncons = problem_constraints(p);
	double x[2 * CML_MAX_TYPES], lb[2 * CML_MAX_TYPES],
		ub[2 * CML_MAX_TYPES], tol[3 * CML_MAX_TYPES];
	double u[CML_MAX_TYPES], best_f = 0.0;
	nlopt_opt opt = nlopt_create(NLOPT_LD_SLSQP, (unsigned)n);

	if (opt == NULL)
		return NLOPT_OUT_OF_MEMORY;
	for (int i = 0; i < types; i++) {
		lb[i] = r->box_lo[i] / p->scale_d[i];
		ub[i] = r->pooled[i] ? lb[i] : r->box_hi[i] / p->scale_d[i];
		lb[types + i] = 0.0;
		ub[types + i] = 2.0;
	}
	for (int k = 0; k < ncons; k++)
		tol[k] = ROW_TOL;
	problem_pack(p, start->m, start->t, x);
	for (int i = 0; i < n; i++)
		x[i] = fmin(fmax(x[i], lb[i]), ub[i]);
	nlopt_set_lower_bounds(opt, lb);
	nlopt_set_upper_bounds(opt, ub);
	r->objective_scale = objective_scale(p, x, n);
	nlopt_set_max_objective(opt, nlopt_objective, r);
	nlopt_add_inequality_mconstraint(opt, (unsigned)ncons,
					 nlopt_constraints, r, tol);
	nlopt_set_xtol_rel(opt, 1e-12);
	nlopt_set_ftol_rel(opt, 1e-15);
	nlopt_set_maxeval(opt, r->maxeval);
	nlopt_set_maxtime(opt, run_seconds(r));
	r->opt = opt;
	r->stall_f = NAN;
	r->stall_count = 0;
	r->stalled = false;
	r->last_f = -INFINITY;
	r->run_error = 0.0;
	int code = nlopt_optimize(opt, x, &best_f);
	nlopt_destroy(opt);
	r->opt = NULL;
	memcpy(r->x_end, x, sizeof(double) * (size_t)n);
	memcpy(r->x_lo, lb, sizeof(double) * (size_t)n);
	memcpy(r->x_hi, ub, sizeof(double) * (size_t)n);
	if (p->relax != NULL) {
		relaxed_end(p, x, end);
		return code;
	}
	problem_unpack(p, x, end->m, u);
	double spacing = p->lattice_hint;
	start_evaluate_at(p->mdl, end, &spacing);
	/*
	 * SLSQP met the rows on the run's lattices, the check above may be
	 * on another (a spacing the run left): they differ by up to both
	 * bounds.
	 */
	end->error = fmax(end->error, r->run_error);
	/*
	 * NLopt returns the best point that met every row to ROW_TOL; on a
	 * long run along an active budget row every later point can miss it
	 * by a rounding, and the answer falls back to the start.  The last
	 * point, brought inside if need be, is taken when it gains clearly;
	 * its objective is known from the run, so a run that ended where it
	 * last looked costs no extra pass over the outcomes.
	 */
	double enough = end->objective * (1.0 + REPAIR_GAIN);
	if (r->last_f > enough && local_feasible(end)) {
		struct start_point last;
		problem_unpack(p, r->last_x, last.m, u);
		start_evaluate_at(p->mdl, &last, &spacing);
		double inside = REPAIR_TOL + 2.0 * last.error;
		if (last.violation > inside && last.objective > enough)
			repair_toward(p->mdl, p->lattice_hint, end, &last);
		if (last.violation <= inside && last.objective > enough)
			*end = last;
	}
	return code;
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
	return local_feasible(pooled) &&
	       (rounding || pooled->objective >=
				    best->objective * (1.0 - POOLING_RESOLUTION));
}

/*
 * Tries to pool the pairs in which (on top of those already pooled):
 * first by snapping alone, then by re-solving with them held pooled.
 * On success best is replaced and the pairs stay pooled.
 */
static bool try_pooling(struct local_run *r, const bool *which,
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
	(void)local_slsqp(r, &trial, &end);
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
int local_solve(struct local_run *r, const struct start_point *start,
		struct start_point *best)
{
	struct start_point end;
	bool near[CML_MAX_TYPES] = { false }, one[CML_MAX_TYPES];
	int count = 0, code;

	memset(r->pooled, 0, sizeof(r->pooled));
	problem_set_scales(&r->prob, start->m);
	code = local_slsqp(r, start, &end);
	r->main_stalled = r->stalled;
	r->main_exhausted = code == NLOPT_MAXEVAL_REACHED ||
			    code == NLOPT_MAXTIME_REACHED;
	*best = local_better(&end, start) ? end : *start;
	if (!local_feasible(best) || !(best->objective > 0.0) ||
	    r->main_exhausted)
		return code;
	/*
	 * A run can also stop short where its Hessian estimate has gone
	 * bad; a fresh run from its end, with scales and objective scale
	 * taken there, goes on while it gains (approx: exact solves have
	 * the global phase).
	 */
	int restarts = r->prob.mdl->method == METHOD_APPROX ? RESTARTS : 0;
	for (int k = 0; k < restarts; k++) {
		struct start_point again;
		problem_set_scales(&r->prob, best->m);
		int again_code = local_slsqp(r, best, &again);
		if (again_code == NLOPT_MAXEVAL_REACHED ||
		    again_code == NLOPT_MAXTIME_REACHED) {
			r->main_exhausted = true;
			return again_code;
		}
		if (!local_feasible(&again) ||
		    !(again.objective > best->objective * (1.0 + RESTART_GAIN)))
			break;
		*best = again;
		code = again_code;
		r->main_stalled = r->stalled;
	}
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
