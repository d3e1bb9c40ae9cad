/*
 * oracle.c - tests only: the global optimum of the first-moment problem by
 * dense search, for I = 2 and 3 types and small N.
 *
 * Independence.  Nothing here calls the solver or its helpers (solver.c,
 * start.c, menu.c, moments.c, outcomes.c, problem.c).  The oracle
 * enumerates the multinomial outcomes itself (weights from lgamma, then
 * normalised so they sum to exactly 1 up to rounding), computes
 * E[a(S)] and tbar_i(m) = E[v(a(S)) | n_i >= 1] itself, and derives the
 * rewards itself.  From the engine it takes only the primitives a(x)
 * (accuracy_eval), v(x) (valuation_eval) and the reservation profits f_i
 * (mdl->reserve[i].profit), which are tested against finite differences
 * and the paper's numbers elsewhere.
 *
 * Rewards.  For contributions m (m_1 >= 0, non-decreasing) the cheapest
 * rewards meeting IR and every IC constraint come from the least
 * utilities u with u_i >= f_i and u_i >= u_j + (c_j - c_i) m_j for all j
 * (IC: t_i - c_i m_i >= t_j - c_i m_j with t = u + c m): a system of
 * difference constraints, solved by Bellman-Ford relaxation to its least
 * fixpoint.  t_i = u_i + c_i m_i.  Since tbar_i depends on m only, any
 * larger rewards only make the budgets harder, so m is feasible iff the
 * least rewards meet t_i <= tbar_i(m) (to ORACLE_TOL on the V = 100
 * scale, rounding only; see oracle.h for why not 1e-10).
 * This is the whole of MODEL.md's constraint set (IR, all IC pairs,
 * monotone m, budgets), not the paper's reduction of it, so it also
 * checks that reduction.
 *
 * Global optimum.  The objective E[a(S)] is non-decreasing in every m_i,
 * so for fixed m_1..m_{I-1} the best m_I is the largest feasible one.  It
 * is found by scanning m_I downward from (V - f_I) / c_I (above it
 * t_I >= f_I + c_I m_I > V > tbar_I: infeasible) over a dense grid
 * (linear, geometric towards either end and geometric in m_I itself),
 * then bisecting to
 * 1e-14 relative against the infeasible grid point above.  The largest
 * violation h(m_I) = max_i (t_i - tbar_i) is quasi-convex in m_I above
 * max(m_{I-1}, zero threshold) (the budgets of the other types are
 * non-increasing in m_I, type I's is convex there), so a feasible sliver
 * narrower than the grid shows up as a local minimum of h on the grid;
 * every such local minimum is refined by golden section before the scan
 * moves on, which catches the slivers that appear near the optimum, where
 * two budgets meet.  The outer variables (m_1 for I = 2; m_1 then m_2 for
 * I = 3, nested) are maximised by a dense grid over their whole range
 * ([0, V / c_1] for m_1, which is safe since c_1 m_1 <= t_1 <= tbar_1 <= V;
 * m_1 = 0 exactly and every stand-alone contribution m~_j are grid
 * points: at N = 1 a type's budget is tangent to its reward line and m~_j
 * is its only feasible contribution) followed by golden-section refinement
 * around each of the best few local maxima of the grid (the frontier
 * value may be multimodal and jumps down where a feasible piece ends; the
 * refinement resolves those edges to 1e-13 relative: an infeasible point
 * counts as -1, and ties move left).  The result is the best feasible
 * point ever evaluated.  The search is exhaustive at the grid's
 * resolution and exact (to rounding) at the refined optima, so it misses
 * the global optimum only if a better feasible piece is narrower than
 * the grid in an outer variable and invisible at every grid point; the
 * tests report the oracle as wrong if the solver ever beats it.
 */
#include "oracle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accuracy.h"
#include "valuation.h"

/* Grids: {outer points, inner points, local maxima refined}. */
const struct oracle_effort oracle_fine = { 600, 240, 6 };
const struct oracle_effort oracle_fast = { 100, 80, 3 };
const struct oracle_effort oracle_three = { 40, 80, 2 };
const struct oracle_effort oracle_three_fast = { 24, 56, 2 };

#define GOLDEN 0.6180339887498949

struct ctx {
	const struct model *mdl;
	const struct oracle_effort *eff;
	int I;
	int nout;
	int *cnt;           /* nout x I counts */
	double *w;          /* outcome probabilities */
	double present[CML_MAX_TYPES]; /* P(n_i >= 1) */
	double tol;         /* feasibility, value units */
	double top[CML_MAX_TYPES]; /* upper bound of each m_i */
	double special[CML_MAX_TYPES]; /* m~_i: outer grid points */
	double hi_last;     /* top_feasible's upper end if > 0 (projection) */
	long evals;
	double best;        /* best feasible objective seen, or -1 */
	double best_m[CML_MAX_TYPES];
};

static void enumerate(struct ctx *c, int type, int left, int *n, double lw,
		      double *logw, int *k)
{
	const struct model *mdl = c->mdl;

	if (type == c->I - 1) {
		n[type] = left;
		lw += left * log(mdl->prob[type]) - lgamma(left + 1.0);
		if (c->cnt != NULL) {
			memcpy(c->cnt + (size_t)*k * c->I, n,
			       sizeof(int) * (size_t)c->I);
			logw[*k] = lw;
		}
		(*k)++;
		return;
	}
	for (int v = 0; v <= left; v++) {
		n[type] = v;
		enumerate(c, type + 1, left - v, n,
			  lw + v * log(mdl->prob[type]) - lgamma(v + 1.0),
			  logw, k);
	}
}

static void ctx_init(struct ctx *c, const struct model *mdl,
		     const struct oracle_effort *eff)
{
	int n[CML_MAX_TYPES];
	int k = 0;

	memset(c, 0, sizeof(*c));
	c->mdl = mdl;
	c->eff = eff;
	c->I = mdl->ntypes;
	enumerate(c, 0, mdl->participants, n, 0.0, NULL, &k);
	c->nout = k;
	c->cnt = malloc(sizeof(int) * (size_t)k * (size_t)c->I);
	c->w = malloc(sizeof(double) * (size_t)k);
	if (c->cnt == NULL || c->w == NULL)
		abort();
	k = 0;
	enumerate(c, 0, mdl->participants, n, lgamma(mdl->participants + 1.0),
		  c->w, &k);
	double sum = 0.0;
	for (int o = 0; o < c->nout; o++)
		sum += c->w[o] = exp(c->w[o]);
	for (int o = 0; o < c->nout; o++) {
		c->w[o] /= sum;
		for (int i = 0; i < c->I; i++)
			if (c->cnt[o * c->I + i] > 0)
				c->present[i] += c->w[o];
	}
	double V = mdl->value_scale;
	c->tol = ORACLE_TOL * V / 100.0;
	for (int i = 0; i < c->I; i++) {
		c->top[i] = (i == c->I - 1 ? 2.0 : 1.0) * V / mdl->cost[i];
		c->special[i] = mdl->reserve[i].contribution;
	}
	/* t_I >= f_I + c_I m_I must stay below tbar_I < V. */
	c->top[c->I - 1] = fmin(c->top[c->I - 1],
				(V - mdl->reserve[c->I - 1].profit) /
					mdl->cost[c->I - 1] * (1.0 + 1e-9));
	c->best = -1.0;
}

static void ctx_free(struct ctx *c)
{
	free(c->cnt);
	free(c->w);
}

/* E[a(S)], tbar_i(m) and, unless ev is NULL, E[v(a(S))]. */
static double evaluate_all(struct ctx *c, const double *m, double *tbar,
			   double *ev)
{
	const struct model *mdl = c->mdl;
	double ea = 0.0, value = 0.0, tb[CML_MAX_TYPES] = { 0 };

	c->evals++;
	for (int o = 0; o < c->nout; o++) {
		const int *n = c->cnt + o * c->I;
		double S = 0.0;
		for (int i = 0; i < c->I; i++)
			S += n[i] * m[i];
		double a = accuracy_eval(&mdl->accuracy, S, NULL, NULL);
		double v = valuation_eval(&mdl->valuation, a, NULL, NULL);
		ea += c->w[o] * a;
		value += c->w[o] * v;
		for (int i = 0; i < c->I; i++)
			if (n[i] > 0)
				tb[i] += c->w[o] * v;
	}
	for (int i = 0; i < c->I; i++)
		tbar[i] = tb[i] / c->present[i];
	if (ev != NULL)
		*ev = value;
	return ea;
}

/* E[a(S)] and tbar_i(m). */
static double evaluate(struct ctx *c, const double *m, double *tbar)
{
	return evaluate_all(c, m, tbar, NULL);
}

/* Least utilities meeting IR and every IC pair; t = u + c m. */
static void least_rewards(const struct model *mdl, const double *m, double *t)
{
	int I = mdl->ntypes;
	double u[CML_MAX_TYPES];

	for (int i = 0; i < I; i++)
		u[i] = mdl->reserve[i].profit;
	for (int pass = 0; pass < 4 * I + 4; pass++) {
		bool changed = false;
		for (int i = 0; i < I; i++)
			for (int j = 0; j < I; j++) {
				double cand = u[j] + (mdl->cost[j] - mdl->cost[i]) *
							     m[j];
				if (j != i && cand > u[i]) {
					u[i] = cand;
					changed = true;
				}
			}
		if (!changed)
			break;
	}
	for (int i = 0; i < I; i++)
		t[i] = u[i] + mdl->cost[i] * m[i];
}

/* Largest budget violation of the least rewards at m; *ea = E[a(S)]. */
static double violation(struct ctx *c, const double *m, double *ea)
{
	double t[CML_MAX_TYPES], tbar[CML_MAX_TYPES];

	*ea = evaluate(c, m, tbar);
	least_rewards(c->mdl, m, t);
	double h = -INFINITY;
	for (int i = 0; i < c->I; i++)
		h = fmax(h, t[i] - tbar[i]);
	return h;
}

static void note(struct ctx *c, const double *m, double ea)
{
	if (ea > c->best) {
		c->best = ea;
		memcpy(c->best_m, m, sizeof(double) * (size_t)c->I);
	}
}

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

/*
 * Grid over [lo, hi], descending, lo and hi included: linear, geometric
 * towards lo, geometric in x, geometric towards hi, and the given extra
 * points inside.  Returns the number of points (<= k + nextra + 3).
 */
static int make_grid(double lo, double hi, int k, const double *extra,
		     int nextra, double *x)
{
	int n = 0, kl = k / 3 + 1, kg = (k - kl) / 2, kh = k - kl - kg;
	double span = hi - lo;

	x[n++] = hi;
	x[n++] = lo;
	for (int j = 1; j < kl; j++)
		x[n++] = lo + span * j / kl;
	for (int j = 1; j <= kg / 2; j++)
		x[n++] = lo + span * pow(10.0, -12.0 * j / (kg / 2));
	for (int j = 1; j <= kg - kg / 2; j++) {
		double v = hi * pow(10.0, -8.0 * j / (kg - kg / 2));
		if (v > lo)
			x[n++] = v;
	}
	for (int j = 1; j <= kh; j++)
		x[n++] = hi - span * pow(10.0, -12.0 * j / kh);
	for (int j = 0; j < nextra; j++)
		if (extra[j] > lo && extra[j] < hi)
			x[n++] = extra[j];
	qsort(x, (size_t)n, sizeof(double), cmp_desc);
	int u = 0;
	for (int j = 0; j < n; j++)
		if (u == 0 || x[j] < x[u - 1])
			x[u++] = x[j];
	return u;
}

/* Feasible a, infeasible b (a < b): the boundary between them. */
static double bisect(struct ctx *c, double *m, int d, double a, double b)
{
	double ea;

	for (int it = 0; it < 200 && b - a > 1e-14 * fabs(b) + 1e-300; it++) {
		double mid = 0.5 * (a + b);
		m[d] = mid;
		if (violation(c, m, &ea) <= c->tol)
			a = mid;
		else
			b = mid;
	}
	m[d] = a;
	return a;
}

/*
 * Golden-section minimum of h over [a, b] in coordinate d; stops at the
 * first feasible point.  Returns it with *found, else the minimiser.
 */
static double dip(struct ctx *c, double *m, int d, double a, double b,
		  bool *found)
{
	double ea;
	double x1 = b - GOLDEN * (b - a), x2 = a + GOLDEN * (b - a);

	m[d] = x1;
	double h1 = violation(c, m, &ea);
	m[d] = x2;
	double h2 = violation(c, m, &ea);
	*found = false;
	for (int it = 0; it < 200; it++) {
		if (h1 <= c->tol || h2 <= c->tol) {
			*found = true;
			return h2 <= c->tol ? x2 : x1;
		}
		if (b - a <= 1e-13 * fabs(b) + 1e-300)
			break;
		if (h1 < h2) {
			b = x2;
			x2 = x1;
			h2 = h1;
			x1 = b - GOLDEN * (b - a);
			m[d] = x1;
			h1 = violation(c, m, &ea);
		} else {
			a = x1;
			x1 = x2;
			h1 = h2;
			x2 = a + GOLDEN * (b - a);
			m[d] = x2;
			h2 = violation(c, m, &ea);
		}
	}
	return x1;
}

/*
 * The largest feasible m_I (coordinate I-1) given m_1..m_{I-1}, in
 * [m_{I-1}, top]; returns E[a(S)] there, or -1 if none is feasible.
 */
static double top_feasible(struct ctx *c, double *m)
{
	int d = c->I - 1;
	double lo = m[d - 1], hi = c->top[d];
	double x[400 + 3], h[400 + 3];
	int k = c->eff->inner < 400 ? c->eff->inner : 400;
	double ea;

	if (c->hi_last > 0.0 && c->hi_last < hi)
		hi = c->hi_last;
	if (lo >= hi)
		return -1.0;
	int n = make_grid(lo, hi, k, NULL, 0, x);
	for (int j = 0; j < n; j++) {
		m[d] = x[j];
		h[j] = violation(c, m, &ea);
		if (h[j] <= c->tol) {
			if (j > 0)
				bisect(c, m, d, x[j], x[j - 1]);
			break;
		}
		if (j >= 2 && h[j - 1] < h[j - 2] && h[j - 1] <= h[j]) {
			bool found;
			double at = dip(c, m, d, x[j], x[j - 2], &found);
			if (found) {
				bisect(c, m, d, at, at < x[j - 1] ? x[j - 1] :
							  x[j - 2]);
				j = n; /* done */
				break;
			}
		}
		if (j == n - 1)
			return -1.0;
	}
	violation(c, m, &ea);
	note(c, m, ea);
	return ea;
}

static double best_over(struct ctx *c, double *m, int d);

/* The best over coordinate d at value x (the rest maximised inside). */
static double at_value(struct ctx *c, double *m, int d, double x)
{
	m[d] = x;
	return best_over(c, m, d + 1);
}

/* Golden-section maximum over [a, b]; -1 = infeasible; ties move left. */
static double refine(struct ctx *c, double *m, int d, double a, double b)
{
	double x1 = b - GOLDEN * (b - a), x2 = a + GOLDEN * (b - a);
	double f1 = at_value(c, m, d, x1), f2 = at_value(c, m, d, x2);
	double best = fmax(f1, f2);

	for (int it = 0; it < 200 && b - a > 1e-13 * fabs(b) + 1e-300; it++) {
		if (f1 < f2) {
			a = x1;
			x1 = x2;
			f1 = f2;
			x2 = a + GOLDEN * (b - a);
			f2 = at_value(c, m, d, x2);
			best = fmax(best, f2);
		} else {
			b = x2;
			x2 = x1;
			f2 = f1;
			x1 = b - GOLDEN * (b - a);
			f1 = at_value(c, m, d, x1);
			best = fmax(best, f1);
		}
	}
	return fmax(best, at_value(c, m, d, a));
}

/* max over m_d.. of E[a(S)] given m_1..m_{d-1}; -1 if infeasible. */
static double best_over(struct ctx *c, double *m, int d)
{
	if (d == c->I - 1)
		return top_feasible(c, m);

	double lo = d == 0 ? 0.0 : m[d - 1], hi = c->top[d];
	if (lo >= hi)
		return -1.0;
	int k = c->eff->outer;
	double *x = malloc(sizeof(double) * (size_t)(k + CML_MAX_TYPES + 3));
	double *f = malloc(sizeof(double) * (size_t)(k + CML_MAX_TYPES + 3));
	double keep[CML_MAX_TYPES];
	if (x == NULL || f == NULL)
		abort();
	memcpy(keep, m, sizeof(keep));
	int n = make_grid(lo, hi, k, c->special, c->I, x); /* descending */
	double best = -1.0;
	for (int j = 0; j < n; j++) {
		f[j] = at_value(c, m, d, x[j]);
		best = fmax(best, f[j]);
	}
	/* Refine around the best local maxima of the grid. */
	for (int r = 0; r < c->eff->refine; r++) {
		int pick = -1;
		for (int j = 0; j < n; j++) {
			bool peak = f[j] >= 0.0 && (j == 0 || f[j] >= f[j - 1]) &&
				    (j == n - 1 || f[j] >= f[j + 1]);
			if (peak && (pick < 0 || f[j] > f[pick]))
				pick = j;
		}
		if (pick < 0)
			break;
		double a = x[pick + 1 < n ? pick + 1 : pick];
		double b = x[pick > 0 ? pick - 1 : pick];
		f[pick] = -2.0; /* not again */
		memcpy(m, keep, sizeof(keep));
		if (b > a)
			best = fmax(best, refine(c, m, d, a, b));
	}
	memcpy(m, keep, sizeof(keep));
	free(x);
	free(f);
	/* The caller only needs the value; the point is in c->best_m. */
	return best;
}

void oracle_solve(const struct model *mdl, const struct oracle_effort *eff,
		  struct oracle_result *out)
{
	struct ctx c;
	double m[CML_MAX_TYPES] = { 0 };

	ctx_init(&c, mdl, eff);
	memset(out, 0, sizeof(*out));
	out->ntypes = c.I;
	best_over(&c, m, 0);
	out->feasible = c.best >= 0.0;
	if (c.best > 0.0)
		memcpy(out->m, c.best_m, sizeof(double) * (size_t)c.I);
	least_rewards(mdl, out->m, out->t);
	out->expected_accuracy = evaluate_all(&c, out->m, out->tbar,
					      &out->expected_value);
	out->evaluations = c.evals;
	ctx_free(&c);
}

double oracle_violation(const struct model *mdl, const double *m,
			const double *t, double *tbar)
{
	struct ctx c;
	double tb[CML_MAX_TYPES];
	int I = mdl->ntypes;

	ctx_init(&c, mdl, &oracle_fast);
	evaluate(&c, m, tb);
	ctx_free(&c);
	double worst = fmax(0.0, -m[0]);
	for (int i = 0; i < I; i++) {
		double u = t[i] - mdl->cost[i] * m[i];
		if (i > 0)
			worst = fmax(worst, m[i - 1] - m[i]);
		worst = fmax(worst, mdl->reserve[i].profit - u);
		worst = fmax(worst, t[i] - tb[i]);
		for (int j = 0; j < I; j++)
			worst = fmax(worst, t[j] - mdl->cost[i] * m[j] - u);
		if (tbar != NULL)
			tbar[i] = tb[i];
	}
	return worst;
}

bool oracle_tangent(const struct model *mdl, const double *m)
{
	struct ctx c;
	double mm[CML_MAX_TYPES], ea;

	ctx_init(&c, mdl, &oracle_fast);
	memcpy(mm, m, sizeof(double) * (size_t)c.I);
	double h0 = violation(&c, mm, &ea);
	mm[c.I - 1] *= 1.0 - 1e-7;
	double h1 = violation(&c, mm, &ea);
	ctx_free(&c);
	return m[c.I - 1] > 0.0 && h0 - h1 < 1e-10 * mdl->value_scale / 100.0;
}

double oracle_project(const struct model *mdl, const double *m)
{
	struct ctx c;
	double mm[CML_MAX_TYPES];

	ctx_init(&c, mdl, &oracle_fast);
	memcpy(mm, m, sizeof(double) * (size_t)c.I);
	c.hi_last = m[c.I - 1] * (1.0 + 1e-15);
	double ea = top_feasible(&c, mm);
	ctx_free(&c);
	return ea;
}

double oracle_objective(const struct model *mdl, const double *m)
{
	struct ctx c;
	double tb[CML_MAX_TYPES];

	ctx_init(&c, mdl, &oracle_fast);
	double ea = evaluate(&c, m, tb);
	ctx_free(&c);
	return ea;
}
