/*
 * solver.c - the first-moment problem with NLopt's SLSQP.
 *
 * Variables (2I, all >= 0, scaled to order 1):
 *   x[k]     = d_k / scale_d[k]   increments, m_i = sum_{k<=i} d_k
 *   x[I + k] = e_k / V            slack of the adjacent downward IC
 * so that u_1 = f_1 + e_1 and u_i = u_{i-1} + (c_{i-1} - c_i) m_{i-1} + e_i,
 * t_i = u_i + c_i m_i.  Constraints (<= 0, in units of V = v(a_opt)):
 *   IR_i      f_i - u_i                         i = 2..I
 *   upIC_i    e_i - (c_{i-1} - c_i) d_i         i = 2..I
 *   budget_i  t_i - tbar_i(m)                   i = 1..I
 * Downward adjacent IC and monotonicity are the bounds e, d >= 0, and
 * together with upIC they imply every IC constraint.
 *
 * A cold start takes the best of a few contracts known to be feasible
 * (the stand-alone contract and, for each k, the largest feasible contract
 * pooling types k..I with types 1..k-1 contributing nothing), so SLSQP
 * never starts in the flat a = 0 region when there is anything to gain.
 */
#include "solver.h"

#include <math.h>
#include <nlopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "menu.h"
#include "moments.h"
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

struct solver {
	int maxeval;
	double maxtime;
};

/* State shared by the NLopt callbacks. */
struct problem {
	const struct model *mdl;
	int types;
	double scale_d[CML_MAX_TYPES]; /* contribution units per x[k] */
	double value;                  /* V: value units per x[I+k] */
	bool pooled[CML_MAX_TYPES];    /* increment k held at 0 */
	double x_cached[2 * CML_MAX_TYPES];
	bool have_cache;
	struct moments mom;
	int evaluations;
	nlopt_opt opt;                 /* the run in progress, for force_stop */
	double stall_f;                /* objective when the stall began */
	double stall_x[2 * CML_MAX_TYPES];
	int stall_count;               /* evaluations without real progress */
	bool stalled;                  /* the last run was stopped by a stall */
	bool main_stalled;             /* the same, for the main run */
};

/* Evaluations without progress after which a run is stopped. */
#define STALL_LIMIT 6

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
		return "the optimiser ran out of evaluations or time";
	}
	return "unknown result";
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double solver_max_violation(const struct model *mdl, const double *m,
			    const double *t, const double *tbar)
{
	double worst = 0.0;
	int types = mdl->ntypes;

	for (int i = 0; i < types; i++) {
		double u = t[i] - mdl->cost[i] * m[i];
		worst = fmax(worst, mdl->reserve[i].profit - u);
		worst = fmax(worst, t[i] - tbar[i]);
		worst = fmax(worst, -m[i]);
		if (i > 0)
			worst = fmax(worst, m[i - 1] - m[i]);
		for (int j = 0; j < types; j++)
			worst = fmax(worst, t[j] - mdl->cost[i] * m[j] - u);
	}
	return worst;
}

/* Contributions and utilities from scaled variables. */
static void unpack(const struct problem *p, const double *x, double *m,
		   double *u)
{
	const struct model *mdl = p->mdl;
	double total = 0.0;

	for (int i = 0; i < p->types; i++) {
		total += p->scale_d[i] * x[i];
		m[i] = total;
	}
	u[0] = mdl->reserve[0].profit + p->value * x[p->types];
	for (int i = 1; i < p->types; i++)
		u[i] = u[i - 1] + (mdl->cost[i - 1] - mdl->cost[i]) * m[i - 1] +
		       p->value * x[p->types + i];
}

/* Scaled variables from a contract (m non-decreasing, t IC-compatible). */
static void pack(const struct problem *p, const double *m, const double *t,
		 double *x)
{
	const struct model *mdl = p->mdl;
	double u_prev = 0.0;

	for (int i = 0; i < p->types; i++) {
		double d = m[i] - (i > 0 ? m[i - 1] : 0.0);
		double u = t[i] - mdl->cost[i] * m[i];
		double e = i == 0 ? u - mdl->reserve[0].profit :
			   u - u_prev - (mdl->cost[i - 1] - mdl->cost[i]) *
						m[i - 1];
		x[i] = fmax(d, 0.0) / p->scale_d[i];
		x[p->types + i] = fmax(e, 0.0) / p->value;
		u_prev = u;
	}
}

static void ensure_moments(struct problem *p, const double *x)
{
	size_t bytes = 2 * (size_t)p->types * sizeof(double);
	double m[CML_MAX_TYPES], u[CML_MAX_TYPES];

	if (p->have_cache && memcmp(x, p->x_cached, bytes) == 0)
		return;
	unpack(p, x, m, u);
	moments_eval(p->mdl, m, true, &p->mom);
	memcpy(p->x_cached, x, bytes);
	p->have_cache = true;
	p->evaluations++;
}

/*
 * SLSQP's line search can spend a dozen evaluations halving a step that
 * changes nothing: at the optimum the objective is flat to the last bit.
 * When the point and the objective have not moved beyond rounding for
 * STALL_LIMIT evaluations, stop the run (NLopt keeps the best point).
 */
static void watch_stall(struct problem *p, unsigned n, const double *x)
{
	double f = p->mom.expected_accuracy;
	bool moved = !(fabs(f - p->stall_f) <= 1e-13 * fabs(f));

	for (unsigned i = 0; i < n && !moved; i++)
		moved = fabs(x[i] - p->stall_x[i]) > 1e-10 * fmax(1.0, fabs(x[i]));
	if (moved) {
		p->stall_f = f;
		memcpy(p->stall_x, x, n * sizeof(double));
		p->stall_count = 0;
	} else if (++p->stall_count >= STALL_LIMIT && p->opt != NULL) {
		p->stalled = true;
		nlopt_force_stop(p->opt);
	}
}

static double objective(unsigned n, const double *x, double *grad, void *data)
{
	struct problem *p = data;
	double suffix = 0.0;

	ensure_moments(p, x);
	watch_stall(p, n, x);
	if (grad != NULL) {
		for (int k = p->types - 1; k >= 0; k--) {
			suffix += p->mom.accuracy_grad[k];
			grad[k] = p->scale_d[k] * suffix;
			grad[p->types + k] = 0.0;
		}
	}
	return p->mom.expected_accuracy;
}

static void constraints(unsigned count, double *result, unsigned n,
			const double *x, double *grad, void *data)
{
	struct problem *p = data;
	const struct model *mdl = p->mdl;
	int types = p->types, row = 0;
	double m[CML_MAX_TYPES], u[CML_MAX_TYPES];
	double inv_v = 1.0 / p->value;

	(void)count;
	ensure_moments(p, x);
	unpack(p, x, m, u);
	if (grad != NULL)
		memset(grad, 0, sizeof(double) * count * n);
	/* IR_i: (f_i - u_i) / V for i >= 2 (type 1's is the bound e_1 >= 0). */
	for (int i = 1; i < types; i++, row++) {
		result[row] = (mdl->reserve[i].profit - u[i]) * inv_v;
		if (grad == NULL)
			continue;
		double *g = grad + (size_t)row * n;
		for (int k = 0; k <= i; k++) {
			g[k] = -p->scale_d[k] * (mdl->cost[k] - mdl->cost[i]) *
			       inv_v;
			g[types + k] = -1.0;
		}
	}
	/* upIC_i: e_i - (c_{i-1} - c_i) d_i, scaled. */
	for (int i = 1; i < types; i++, row++) {
		double gap = mdl->cost[i - 1] - mdl->cost[i];
		result[row] = x[types + i] - gap * p->scale_d[i] * x[i] * inv_v;
		if (grad == NULL)
			continue;
		double *g = grad + (size_t)row * n;
		g[i] = -gap * p->scale_d[i] * inv_v;
		g[types + i] = 1.0;
	}
	/* budget_i: (t_i - tbar_i) / V. */
	for (int i = 0; i < types; i++, row++) {
		double t = u[i] + mdl->cost[i] * m[i];
		result[row] = (t - p->mom.tbar[i]) * inv_v;
		if (grad == NULL)
			continue;
		double *g = grad + (size_t)row * n;
		double suffix = 0.0;
		for (int k = types - 1; k >= 0; k--) {
			suffix += p->mom.tbar_grad[i][k];
			g[k] = p->scale_d[k] *
			       ((k <= i ? mdl->cost[k] : 0.0) - suffix) * inv_v;
			if (k <= i)
				g[types + k] = 1.0;
		}
	}
}

static void set_scales(struct problem *p, const double *m)
{
	double top = m[p->types - 1];

	if (!(top > 0.0))
		top = p->mdl->value_scale / p->mdl->cost[p->types - 1];
	for (int i = 0; i < p->types; i++) {
		double d = m[i] - (i > 0 ? m[i - 1] : 0.0);
		p->scale_d[i] = fmax(d, 0.05 * top);
	}
	p->value = p->mdl->value_scale;
}

/* One SLSQP run from start; end receives the verified end point. */
static int run_slsqp(const struct solver *s, struct problem *p,
		     const struct start_point *start, struct start_point *end)
{
	int types = p->types, n = 2 * types, ncons = 3 * types - 2;
	double x[2 * CML_MAX_TYPES], lb[2 * CML_MAX_TYPES],
		ub[2 * CML_MAX_TYPES], tol[3 * CML_MAX_TYPES];
	double u[CML_MAX_TYPES], best_f = 0.0;
	double top = 2.0 * p->mdl->value_scale / p->mdl->cost[types - 1];
	nlopt_opt opt = nlopt_create(NLOPT_LD_SLSQP, (unsigned)n);

	if (opt == NULL)
		return NLOPT_OUT_OF_MEMORY;
	for (int i = 0; i < types; i++) {
		lb[i] = 0.0;
		ub[i] = p->pooled[i] ? 0.0 : top / p->scale_d[i];
		lb[types + i] = 0.0;
		ub[types + i] = 2.0;
	}
	for (int r = 0; r < ncons; r++)
		tol[r] = 1e-13;
	pack(p, start->m, start->t, x);
	for (int i = 0; i < n; i++)
		x[i] = fmin(fmax(x[i], lb[i]), ub[i]);
	nlopt_set_lower_bounds(opt, lb);
	nlopt_set_upper_bounds(opt, ub);
	nlopt_set_max_objective(opt, objective, p);
	nlopt_add_inequality_mconstraint(opt, (unsigned)ncons, constraints, p,
					 tol);
	nlopt_set_xtol_rel(opt, 1e-12);
	nlopt_set_ftol_rel(opt, 1e-15);
	nlopt_set_maxeval(opt, s->maxeval);
	nlopt_set_maxtime(opt, s->maxtime);
	p->have_cache = false;
	p->opt = opt;
	p->stall_f = NAN;
	p->stall_count = 0;
	p->stalled = false;
	int code = nlopt_optimize(opt, x, &best_f);
	nlopt_destroy(opt);
	p->opt = NULL;
	unpack(p, x, end->m, u);
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
static void snap_pooled(const struct problem *p, const bool *which,
			struct start_point *c)
{
	double shift = 0.0;

	for (int k = 1; k < p->types; k++) {
		double gap = (c->m[k] - shift) - c->m[k - 1]; /* k-1 moved */
		if (which[k])
			shift += gap;
		c->m[k] -= shift;
	}
	start_evaluate(p->mdl, c);
}

/* True if pooled is feasible and loses no more than the resolution. */
static bool pooling_keeps(const struct start_point *pooled,
			  const struct start_point *best)
{
	return feasible(pooled) &&
	       pooled->objective >= best->objective * (1.0 - POOLING_RESOLUTION);
}

/*
 * Tries to pool the pairs in which (on top of those already pooled):
 * first by snapping alone, then by re-solving with them held pooled.
 * On success best is replaced and the pairs stay pooled.
 */
static bool try_pooling(const struct solver *s, struct problem *p,
			const bool *which, struct start_point *best)
{
	struct start_point trial = *best, end;
	bool saved[CML_MAX_TYPES];

	snap_pooled(p, which, &trial);
	memcpy(saved, p->pooled, sizeof(saved));
	for (int k = 1; k < p->types; k++)
		p->pooled[k] = p->pooled[k] || which[k];
	if (pooling_keeps(&trial, best)) {
		*best = trial;
		return true;
	}
	set_scales(p, best->m);
	(void)run_slsqp(s, p, &trial, &end);
	if (pooling_keeps(&end, best)) {
		*best = end;
		return true;
	}
	memcpy(p->pooled, saved, sizeof(saved));
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
static int solve_from(const struct solver *s, struct problem *p,
		      const struct start_point *start, struct start_point *best)
{
	struct start_point end;
	bool near[CML_MAX_TYPES] = { false }, one[CML_MAX_TYPES];
	int count = 0, code;

	memset(p->pooled, 0, sizeof(p->pooled));
	set_scales(p, start->m);
	code = run_slsqp(s, p, start, &end);
	p->main_stalled = p->stalled;
	*best = better(&end, start) ? end : *start;
	if (!feasible(best) || !(best->objective > 0.0))
		return code;
	for (int k = 1; k < p->types; k++) {
		double gap = best->m[k] - best->m[k - 1];
		near[k] = gap > 0.0 && gap < POOLING_TRY_GAP * best->m[k];
		count += near[k];
	}
	if (count == 0 || try_pooling(s, p, near, best) || count == 1)
		return code;
	for (int k = 1; k < p->types; k++) {
		if (!near[k])
			continue;
		memset(one, 0, sizeof(one));
		one[k] = true;
		(void)try_pooling(s, p, one, best);
	}
	return code;
}

enum solver_result solver_run(struct solver *s, const struct model *mdl,
			      const struct solution *warm,
			      struct solution *out, struct solver_stats *stats)
{
	double started = now_seconds();
	struct problem p = { .mdl = mdl, .types = mdl->ntypes };
	struct start_point start, best, alone;
	enum solver_result result;
	int code = NLOPT_SUCCESS, runs = 0;
	bool warm_used = warm != NULL && warm->ntypes == mdl->ntypes;

	start_stand_alone(mdl, &alone);
	if (warm_used) {
		memcpy(start.m, warm->m, sizeof(start.m));
		start_evaluate(mdl, &start);
		code = solve_from(s, &p, &start, &best);
		runs++;
		/* A warm run must end feasible and beat the stand-alone contract. */
		if (!feasible(&best) || best.objective < alone.objective)
			warm_used = false;
	}
	if (!warm_used) {
		if (start_best(mdl, FEASIBILITY_TOL, &start) != 0)
			start = alone;
		code = solve_from(s, &p, &start, &best);
		runs++;
	}
	if (!feasible(&best))
		result = code == NLOPT_MAXEVAL_REACHED ||
				 code == NLOPT_MAXTIME_REACHED ?
			 SOLVER_STOPPED :
			 code < 0 ? SOLVER_FAILED : SOLVER_INFEASIBLE;
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
		stats->evaluations = p.evaluations;
		stats->nlopt_code = code;
		stats->stalled = code == NLOPT_FORCED_STOP && p.main_stalled;
		stats->seconds = now_seconds() - started;
		stats->warm = warm_used;
		stats->starts = runs;
	}
	return result;
}
