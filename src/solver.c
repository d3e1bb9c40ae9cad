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

/* Budget violations below this (value units, V = 100) count as met. */
#define FEASIBILITY_TOL 1e-9

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
	double x_cached[2 * CML_MAX_TYPES];
	bool have_cache;
	struct moments mom;
	int evaluations;
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

static double objective(unsigned n, const double *x, double *grad, void *data)
{
	struct problem *p = data;
	double suffix = 0.0;

	(void)n;
	ensure_moments(p, x);
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

/* A candidate contract: contributions, cheapest rewards, objective. */
struct candidate {
	double m[CML_MAX_TYPES];
	double t[CML_MAX_TYPES];
	double objective;
	double violation;
};

static void evaluate_candidate(const struct model *mdl, struct candidate *c)
{
	struct moments mom;

	menu_min_rewards(mdl, c->m, c->t);
	moments_eval(mdl, c->m, false, &mom);
	c->objective = mom.expected_accuracy;
	c->violation = solver_max_violation(mdl, c->m, c->t, mom.tbar);
}

/* Budget slack of the contract pooling types k..I at M (others at 0). */
static double pooled_slack(const struct model *mdl, int k, double level,
			   struct candidate *c)
{
	for (int i = 0; i < mdl->ntypes; i++)
		c->m[i] = i < k ? 0.0 : level;
	evaluate_candidate(mdl, c);
	return -c->violation;
}

/*
 * The largest feasible contract pooling types k..I: scan contribution
 * levels geometrically for a feasible one, then push to the edge of the
 * feasible interval by bisection (the objective grows with the level).
 */
static bool best_pooled(const struct model *mdl, int k, struct candidate *best)
{
	struct candidate c;
	double top = mdl->value_scale / mdl->cost[mdl->ntypes - 1];
	double bottom = mdl->accuracy.zero_below / mdl->participants;
	double feasible = -1.0, infeasible_above = -1.0;
	const int steps = 24;

	for (int s = steps; s >= 0; s--) {
		double level = bottom * pow(top / bottom, (double)s / steps);
		if (pooled_slack(mdl, k, level, &c) >= 0.0) {
			feasible = level;
			if (s < steps)
				infeasible_above = bottom *
					pow(top / bottom, (double)(s + 1) / steps);
			break;
		}
	}
	if (feasible < 0.0)
		return false;
	if (infeasible_above > 0.0) {
		double lo = feasible, hi = infeasible_above;
		for (int it = 0; it < 40 && hi - lo > 1e-9 * hi; it++) {
			double mid = 0.5 * (lo + hi);
			if (pooled_slack(mdl, k, mid, &c) >= 0.0)
				lo = mid;
			else
				hi = mid;
		}
		feasible = lo;
	}
	(void)pooled_slack(mdl, k, feasible, best);
	return best->objective > 0.0;
}

/* The best of the stand-alone and pooled contracts. */
static void cold_start(const struct model *mdl, struct candidate *best)
{
	struct candidate c;

	for (int i = 0; i < mdl->ntypes; i++)
		best->m[i] = mdl->reserve[i].contribution;
	evaluate_candidate(mdl, best);
	for (int k = 0; k < mdl->ntypes; k++)
		if (best_pooled(mdl, k, &c) &&
		    c.violation <= FEASIBILITY_TOL &&
		    c.objective > best->objective)
			*best = c;
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

/* One SLSQP run from start; fills out with the verified end point. */
static int run_slsqp(const struct solver *s, struct problem *p,
		     const struct candidate *start, struct candidate *out)
{
	int types = p->types, n = 2 * types, ncons = 3 * types - 2;
	double x[2 * CML_MAX_TYPES], lb[2 * CML_MAX_TYPES],
		ub[2 * CML_MAX_TYPES], tol[3 * CML_MAX_TYPES];
	double m[CML_MAX_TYPES], u[CML_MAX_TYPES], best_f = 0.0;
	nlopt_opt opt = nlopt_create(NLOPT_LD_SLSQP, (unsigned)n);
	double top = 2.0 * p->mdl->value_scale / p->mdl->cost[types - 1];

	for (int i = 0; i < types; i++) {
		lb[i] = 0.0;
		ub[i] = top / p->scale_d[i];
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
	int code = nlopt_optimize(opt, x, &best_f);
	nlopt_destroy(opt);
	unpack(p, x, m, u);
	memcpy(out->m, m, sizeof(m));
	evaluate_candidate(p->mdl, out);
	return code;
}

enum solver_result solver_run(struct solver *s, const struct model *mdl,
			      const struct solution *warm,
			      struct solution *out, struct solver_stats *stats)
{
	double started = now_seconds();
	struct problem p = { .mdl = mdl, .types = mdl->ntypes };
	struct candidate start, end;
	enum solver_result result;
	int code;

	if (warm != NULL && warm->ntypes == mdl->ntypes) {
		memcpy(start.m, warm->m, sizeof(start.m));
		evaluate_candidate(mdl, &start);
	} else {
		cold_start(mdl, &start);
	}
	set_scales(&p, start.m);
	code = run_slsqp(s, &p, &start, &end);

	/* Keep the better verified point: SLSQP may end worse or outside. */
	if (end.violation > FEASIBILITY_TOL ||
	    (start.violation <= FEASIBILITY_TOL &&
	     end.objective < start.objective))
		end = start;
	if (end.violation > FEASIBILITY_TOL)
		result = code == NLOPT_MAXEVAL_REACHED ||
				 code == NLOPT_MAXTIME_REACHED ?
			 SOLVER_STOPPED : SOLVER_INFEASIBLE;
	else if (end.objective <= 0.0)
		result = SOLVER_NO_COLLABORATION;
	else
		result = SOLVER_OK;

	memset(out, 0, sizeof(*out));
	out->ntypes = mdl->ntypes;
	memcpy(out->m, end.m, sizeof(out->m));
	memcpy(out->t, end.t, sizeof(out->t));
	out->expected_accuracy = end.objective;
	out->max_violation = end.violation;
	if (stats != NULL) {
		stats->algorithm = "LD_SLSQP";
		stats->evaluations = p.evaluations;
		stats->nlopt_code = code;
		stats->seconds = now_seconds() - started;
		stats->warm = warm != NULL;
		stats->starts = 1;
	}
	return result;
}
