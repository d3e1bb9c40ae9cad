/*
 * dual-bound.c - Lagrangian bounds: multipliers by non-negative least
 * squares, then the linearised Lagrangian maximised over the box.
 */
#include "dual-bound.h"

#include <math.h>
#include <string.h>

#define MAX_VARS (2 * CML_MAX_TYPES)
#define MAX_CONS (3 * CML_MAX_TYPES)
/* Rounds of the fit that add coordinates at a bound. */
#define FIT_ROUNDS 4
/* Constraints within this of 0 (scaled) take part in the fit. */
#define ACTIVE_TOL 1e-6

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
 * Where a coordinate stands in the box: +1 at the upper bound, -1 at the
 * lower, 2 when the box fixes it, 0 inside.
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

/*
 * Solves the least-squares problem min |A_P z - b| over the columns in
 * set (normal equations, Gaussian elimination with partial pivoting, a
 * tiny ridge against rank deficiency).  a is column-major: a[j][k].
 */
static void least_squares(const struct lagrangian *lg, const int *rows,
			  int nrows, const int *set, int nset, double *z)
{
	double mat[MAX_CONS][MAX_CONS + 1];

	for (int p = 0; p < nset; p++) {
		for (int q = 0; q <= p; q++) {
			double sum = 0.0;
			for (int r = 0; r < nrows; r++)
				sum += lg->jac[set[p]][rows[r]] *
				       lg->jac[set[q]][rows[r]];
			mat[p][q] = mat[q][p] = sum;
		}
		double rhs = 0.0;
		for (int r = 0; r < nrows; r++)
			rhs += lg->jac[set[p]][rows[r]] * lg->grad[rows[r]];
		mat[p][nset] = rhs;
	}
	double scale = 0.0;
	for (int p = 0; p < nset; p++)
		scale = fmax(scale, mat[p][p]);
	for (int p = 0; p < nset; p++)
		mat[p][p] += 1e-14 * scale + 1e-300;
	for (int c = 0; c < nset; c++) {
		int pivot = c;
		for (int r = c + 1; r < nset; r++)
			if (fabs(mat[r][c]) > fabs(mat[pivot][c]))
				pivot = r;
		if (pivot != c)
			for (int q = 0; q <= nset; q++) {
				double t = mat[c][q];
				mat[c][q] = mat[pivot][q];
				mat[pivot][q] = t;
			}
		for (int r = c + 1; r < nset; r++) {
			double f = mat[r][c] / mat[c][c];
			for (int q = c; q <= nset; q++)
				mat[r][q] -= f * mat[c][q];
		}
	}
	for (int p = nset - 1; p >= 0; p--) {
		double sum = mat[p][nset];
		for (int q = p + 1; q < nset; q++)
			sum -= mat[p][q] * z[q];
		z[p] = sum / mat[p][p];
	}
}

/*
 * Non-negative multipliers for the active constraints that make the
 * Lagrangian's gradient vanish along the coordinates rows: Lawson and
 * Hanson's active-set NNLS, small enough here to solve each subproblem
 * afresh.
 */
static void nnls_rows(const struct lagrangian *lg, const int *rows,
		      int nrows, double *lambda)
{
	int set[MAX_CONS], nset = 0;
	bool active[MAX_CONS], in_set[MAX_CONS] = { false };
	double sub[MAX_CONS];

	for (int j = 0; j < lg->m; j++) {
		lambda[j] = 0.0;
		active[j] = lg->g[j] >= -ACTIVE_TOL;
	}
	for (int outer = 0; outer < 3 * MAX_CONS; outer++) {
		/* The residual on the rows, then the constraint most aligned
		   with it outside the set. */
		double resid[MAX_VARS];
		for (int r = 0; r < nrows; r++) {
			resid[r] = lg->grad[rows[r]];
			for (int i = 0; i < lg->m; i++)
				resid[r] -= lambda[i] * lg->jac[i][rows[r]];
		}
		int enter = -1;
		double best = 0.0;
		for (int j = 0; j < lg->m; j++) {
			if (!active[j] || in_set[j])
				continue;
			double w = 0.0;
			for (int r = 0; r < nrows; r++)
				w += lg->jac[j][rows[r]] * resid[r];
			if (w > best * (1.0 + 1e-12) && w > 1e-15) {
				best = w;
				enter = j;
			}
		}
		if (enter < 0)
			return;
		in_set[enter] = true;
		set[nset++] = enter;
		for (int inner = 0; inner < 3 * MAX_CONS && nset > 0; inner++) {
			least_squares(lg, rows, nrows, set, nset, sub);
			bool positive = true;
			for (int p = 0; p < nset; p++)
				positive = positive && sub[p] > 0.0;
			if (positive) {
				for (int p = 0; p < nset; p++)
					lambda[set[p]] = sub[p];
				break;
			}
			/* Step towards sub until a multiplier reaches 0. */
			double alpha = 1.0;
			for (int p = 0; p < nset; p++)
				if (sub[p] <= 0.0) {
					double l = lambda[set[p]];
					alpha = fmin(alpha, l / (l - sub[p]));
				}
			int kept = 0;
			for (int p = 0; p < nset; p++) {
				int j = set[p];
				lambda[j] += alpha * (sub[p] - lambda[j]);
				if (lambda[j] > 1e-300)
					set[kept++] = j;
				else {
					lambda[j] = 0.0;
					in_set[j] = false;
				}
			}
			nset = kept;
		}
	}
}

/*
 * Multipliers for the bound: the gradient of the Lagrangian must vanish
 * inside the box, while a coordinate at a bound absorbs a residual of
 * one sign (pushing against that bound) and the bound counts the other.
 * The fit starts with the inner coordinates and adds each bound one
 * whose residual comes out on the wrong side, a few rounds, keeping the
 * multipliers that give the lowest bound.
 */
static void fit_multipliers(const struct lagrangian *lg, double *lambda)
{
	int rows[MAX_VARS], nrows = 0;
	bool in_rows[MAX_VARS] = { false };
	double trial[MAX_CONS], best = INFINITY;

	for (int k = 0; k < lg->n; k++)
		if (side(lg, k) == 0) {
			rows[nrows++] = k;
			in_rows[k] = true;
		}
	for (int round = 0; round < FIT_ROUNDS; round++) {
		nnls_rows(lg, rows, nrows, trial);
		double b = bound_for(lg, trial);
		if (b < best) {
			best = b;
			memcpy(lambda, trial, sizeof(double) * (size_t)lg->m);
		}
		int added = 0;
		for (int k = 0; k < lg->n; k++) {
			int where = side(lg, k);
			if (in_rows[k] || where == 2)
				continue;
			double y = lg->grad[k];
			for (int j = 0; j < lg->m; j++)
				y -= trial[j] * lg->jac[j][k];
			if ((where == -1 && y > 0.0) || (where == 1 && y < 0.0)) {
				rows[nrows++] = k;
				in_rows[k] = true;
				added++;
			}
		}
		if (added == 0)
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
