/*
 * dual-bound.c - Lagrangian bounds: multipliers by non-negative least
 * squares, then the linearised Lagrangian maximised over the box.
 */
#include "dual-bound.h"

#include <math.h>
#include <string.h>

#define MAX_VARS (2 * CML_MAX_TYPES)
#define MAX_CONS (3 * CML_MAX_TYPES)
/* Constraints within this of 0 (scaled) take part in the fit. */
#define ACTIVE_TOL 1e-6
/* Coordinate-descent sweeps of the fit. */
#define FIT_SWEEPS 200

struct lagrangian {
	int n, m;
	double f, grad[MAX_VARS];
	double g[MAX_CONS], jac[MAX_CONS][MAX_VARS];
	const double *x, *lo, *hi;
};

/* The bound for multipliers lambda (see dual-bound.h). */
static double bound_for(const struct lagrangian *lg, const double *lambda)
{
	double total = lg->f;

	for (int j = 0; j < lg->m; j++)
		total -= lambda[j] * lg->g[j];
	for (int k = 0; k < lg->n; k++) {
		double y = lg->grad[k];
		for (int j = 0; j < lg->m; j++)
			y -= lambda[j] * lg->jac[j][k];
		total += y > 0.0 ? y * (lg->hi[k] - lg->x[k]) :
				   y * (lg->lo[k] - lg->x[k]);
	}
	return total;
}

/*
 * Which side a coordinate's residual may fall on for free: +1 at the
 * upper bound (a positive gradient pushes against it), -1 at the lower,
 * 2 when the coordinate is fixed, 0 inside.
 */
static int side(const struct lagrangian *lg, int k)
{
	double margin = 1e-12 * fmax(1.0, fabs(lg->x[k]));

	if (lg->hi[k] - lg->lo[k] <= margin)
		return 2;
	if (lg->x[k] >= lg->hi[k] - margin)
		return 1;
	if (lg->x[k] <= lg->lo[k] + margin)
		return -1;
	return 0;
}

/* The part of residual y that the box does not absorb. */
static double unabsorbed(int where, double y)
{
	if (where == 2 || (where == 1 && y > 0.0) || (where == -1 && y < 0.0))
		return 0.0;
	return y;
}

/*
 * Non-negative multipliers for the active constraints that make the
 * Lagrangian's gradient vanish where the box does not absorb it:
 * projected coordinate descent on the squared residual.
 */
static void fit_multipliers(const struct lagrangian *lg, double *lambda)
{
	int where[MAX_VARS];
	bool active[MAX_CONS];
	double y[MAX_VARS];

	for (int k = 0; k < lg->n; k++) {
		where[k] = side(lg, k);
		y[k] = lg->grad[k];
	}
	for (int j = 0; j < lg->m; j++) {
		lambda[j] = 0.0;
		active[j] = lg->g[j] >= -ACTIVE_TOL;
	}
	for (int sweep = 0; sweep < FIT_SWEEPS; sweep++) {
		double moved = 0.0;
		for (int j = 0; j < lg->m; j++) {
			if (!active[j])
				continue;
			double slope = 0.0, curve = 0.0;
			for (int k = 0; k < lg->n; k++) {
				double a = lg->jac[j][k];
				if (a == 0.0 || where[k] == 2)
					continue;
				double r = unabsorbed(where[k], y[k]);
				/* d/dlambda of r^2 / 2 is -a r (y falls by a lambda). */
				slope -= a * r;
				if (r != 0.0 || where[k] == 0)
					curve += a * a;
			}
			if (!(curve > 0.0))
				continue;
			double next = fmax(0.0, lambda[j] - slope / curve);
			double step = next - lambda[j];
			if (step == 0.0)
				continue;
			lambda[j] = next;
			for (int k = 0; k < lg->n; k++)
				y[k] -= step * lg->jac[j][k];
			moved = fmax(moved, fabs(step) / fmax(1.0, next));
		}
		if (moved < 1e-15)
			break;
	}
}

double dual_bound(struct problem *p, const double *x, const double *lo,
		  const double *hi)
{
	struct lagrangian lg = { .x = x, .lo = lo, .hi = hi };
	double jac[MAX_CONS * MAX_VARS], lambda[MAX_CONS], trial[MAX_CONS];
	double worst = 0.0;

	lg.n = problem_variables(p);
	lg.m = problem_constraints(p);
	lg.f = problem_objective(p, x, lg.grad);
	problem_eval_constraints(p, x, lg.g, jac);
	for (int j = 0; j < lg.m; j++) {
		memcpy(lg.jac[j], jac + (size_t)j * (size_t)lg.n,
		       sizeof(double) * (size_t)lg.n);
		worst = fmax(worst, lg.g[j]);
	}
	fit_multipliers(&lg, lambda);
	double best = bound_for(&lg, lambda);
	if (!(worst > 0.0))
		return best;
	/* Infeasible: weigh the violated constraints ever more heavily. */
	for (double scale = 1.0; scale <= 1e12; scale *= 10.0) {
		for (int j = 0; j < lg.m; j++)
			trial[j] = lambda[j] + scale * fmax(lg.g[j], 0.0) / worst;
		best = fmin(best, bound_for(&lg, trial));
	}
	return best;
}
