/*
 * start.c - stand-alone and suffix-pooled starting contracts.
 *
 * With types k..I pooled at M and the rest at 0, the data seen is
 * S = M K with K = n_k + ... + n_I, so every expectation is a sum over
 * K = 0..N.  The distribution of K (overall and given n_i >= 1) is
 * aggregated once per k in one pass over the outcomes; each trial level
 * M then costs O(I N) instead of a pass over all outcomes.
 */
#include "start.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "menu.h"
#include "moments.h"
#include "problem.h"
#include "reservation.h"

void start_evaluate(const struct model *mdl, struct start_point *p)
{
	start_evaluate_at(mdl, p, NULL);
}

void start_evaluate_at(const struct model *mdl, struct start_point *p,
		       double *spacing)
{
	struct moments mom;

	menu_min_rewards(mdl, p->m, p->t);
	moments_eval_hinted(mdl, p->m, NULL, false, false, spacing, &mom);
	p->objective = mom.expected_accuracy;
	p->error = mom.error;
	p->violation = problem_max_violation(mdl, p->m, p->t, mom.tbar) /
		       mdl->value_scale;
}

void start_stand_alone(const struct model *mdl, struct start_point *p)
{
	memset(p, 0, sizeof(*p));
	for (int i = 0; i < mdl->ntypes; i++)
		p->m[i] = mdl->reserve[i].contribution;
	start_evaluate(mdl, p);
}

/* Distribution of the pooled head-count K for one suffix k. */
struct pooled {
	const struct model *mdl;
	int k;                /* first pooled type (0-based) */
	int size;             /* N + 1 */
	double *overall;      /* P(K) */
	double *given;        /* given[i * size + K] = P(K | n_i >= 1) */
	double *value;        /* scratch: v(a(M K)) for K = 0..N */
	double *log_factorial; /* ln j!, j = 0..N (approx method only) */
};

/* ln C(n, k) from a table of ln j! (j <= n). */
static double log_choose(const double *log_factorial, int n, int k)
{
	return log_factorial[n] - log_factorial[k] - log_factorial[n - k];
}

/*
 * The same distributions without outcomes (the approx method): K is
 * Binomial(N, P) with P = p_k + ... + p_I, and for each type i
 * P(K, n_i = 0) is binomial too (type i's draws removed from the pooled
 * side or from the rest), so P(K | n_i >= 1) follows exactly.
 */
static void pooled_binomial(struct pooled *pl, int k)
{
	const struct model *mdl = pl->mdl;
	int types = mdl->ntypes, n = mdl->participants;
	const double *lf = pl->log_factorial;
	double pooled = 0.0;

	for (int j = k; j < types; j++)
		pooled += mdl->prob[j];
	pooled = fmin(pooled, 1.0);
	pl->k = k;
	memset(pl->given, 0, sizeof(double) * (size_t)pl->size * (size_t)types);
	for (int h = 0; h <= n; h++) {
		double lc = log_choose(lf, n, h);
		double in = h > 0 ? h * log(pooled) : 0.0;
		double out = h < n ? (n - h) * log1p(-pooled) : 0.0;
		pl->overall[h] = exp(lc + in + out);
	}
	for (int i = 0; i < types; i++) {
		double p = mdl->prob[i];
		double mass = -expm1(n * log1p(-p));
		double *given = pl->given + (size_t)i * (size_t)pl->size;
		for (int h = 0; h <= n; h++) {
			if (pl->overall[h] == 0.0)
				continue;
			double lc = log_choose(lf, n, h), absent;
			if (i >= k) {
				double rest = fmax(pooled - p, 0.0);
				absent = h == 0 ? exp(n * log1p(-pooled)) :
					 rest == 0.0 ? 0.0 :
					 exp(lc + h * log(rest) +
					     (h < n ? (n - h) * log1p(-pooled) : 0.0));
			} else {
				double other = fmax(1.0 - pooled - p, 0.0);
				absent = h == n ? exp(n * log(pooled)) :
					 other == 0.0 ? 0.0 :
					 exp(lc + (h > 0 ? h * log(pooled) : 0.0) +
					     (n - h) * log(other));
			}
			given[h] = fmax(pl->overall[h] - absent, 0.0) / mass;
		}
	}
}

static void pooled_aggregate(struct pooled *pl, int k)
{
	const struct outcome_set *set = &pl->mdl->outcomes;
	int types = pl->mdl->ntypes;

	pl->k = k;
	memset(pl->overall, 0, sizeof(double) * (size_t)pl->size);
	memset(pl->given, 0, sizeof(double) * (size_t)pl->size * (size_t)types);
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		int heads = 0;
		for (int j = k; j < types; j++)
			heads += row[j];
		pl->overall[heads] += set->weight[r];
		for (int i = 0; i < types; i++)
			if (row[i] > 0)
				pl->given[i * pl->size + heads] += set->weight[r];
	}
	for (int i = 0; i < types; i++)
		for (int h = 0; h < pl->size; h++)
			pl->given[i * pl->size + h] /= set->present_mass[i];
}

/* Budget slack (negative: violated) of the pooled contract at level M. */
static double pooled_slack(struct pooled *pl, double level,
			   struct start_point *p)
{
	const struct model *mdl = pl->mdl;
	int types = mdl->ntypes;
	double objective = 0.0, worst = INFINITY;

	for (int h = 0; h < pl->size; h++) {
		double a = accuracy_eval(&mdl->accuracy, level * h, NULL, NULL);
		pl->value[h] = valuation_eval(&mdl->valuation, a, NULL, NULL);
		objective += pl->overall[h] * a;
	}
	for (int i = 0; i < types; i++)
		p->m[i] = i < pl->k ? 0.0 : level;
	menu_min_rewards(mdl, p->m, p->t);
	for (int i = 0; i < types; i++) {
		double tbar = 0.0;
		for (int h = 0; h < pl->size; h++)
			tbar += pl->given[i * pl->size + h] * pl->value[h];
		worst = fmin(worst, tbar - p->t[i]);
	}
	p->objective = objective;
	return worst;
}

/*
 * The largest feasible level for suffix k: scan levels geometrically from
 * the largest possible contribution down to the first feasible one, then
 * bisect towards the infeasible level above it (the objective grows with
 * the level, and the feasible levels form an interval).
 */
static bool pooled_best(struct pooled *pl, double tolerance,
			struct start_point *best)
{
	const struct model *mdl = pl->mdl;
	const int steps = 32;
	double top = mdl->value_scale / mdl->cost[mdl->ntypes - 1];
	/* A family positive from 0 (exp) has no threshold to start from. */
	double bottom = mdl->accuracy.zero_below > 0.0 ?
				mdl->accuracy.zero_below / mdl->participants :
				1e-12 * top;
	double ratio = top / bottom;
	double lo = -1.0, hi = -1.0;
	struct start_point p;

	for (int s = steps; s >= 0; s--) {
		double level = bottom * pow(ratio, (double)s / steps);
		if (pooled_slack(pl, level, &p) >= -tolerance) {
			lo = level;
			if (s < steps)
				hi = bottom * pow(ratio, (double)(s + 1) / steps);
			break;
		}
	}
	if (lo < 0.0)
		return false;
	while (hi > 0.0 && hi - lo > 1e-12 * hi) {
		double mid = 0.5 * (lo + hi);
		if (pooled_slack(pl, mid, &p) >= -tolerance)
			lo = mid;
		else
			hi = mid;
	}
	(void)pooled_slack(pl, lo, best);
	return best->objective > 0.0;
}

/* Types up to which N = 1's level assignments are all tried. */
#define START_ASSIGN_MAX_TYPES 6

/* Tries every non-decreasing m from levels[] for types i.. (recursive). */
static void assign_levels(const struct model *mdl, double tolerance,
			  const double *levels, int nlevels, int from, int i,
			  struct start_point *try, struct start_point *best)
{
	if (i == mdl->ntypes) {
		start_evaluate(mdl, try);
		if (try->violation <= tolerance &&
		    try->objective > best->objective)
			*best = *try;
		return;
	}
	for (int l = from; l < nlevels; l++) {
		try->m[i] = levels[l];
		assign_levels(mdl, tolerance, levels, nlevels, l, i + 1, try,
			      best);
	}
}

static int cmp_ascending(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/*
 * At N = 1 a type's budget is its own v(a(m_i)), which can touch its
 * reward line at its stand-alone m~_j only, so the optimum may sit where
 * every type contributes some m~_j (a type with a poor outside option
 * taking a neighbour's option, say) and be a point SLSQP cannot reach to
 * the tolerance; or a type's feasible contributions may be a sliver
 * around its m~_j that no start finds.  With few types every assignment
 * of the common technology's m~_j (and 0) is cheap to try.
 */
static void start_assign_levels(const struct model *mdl, double tolerance,
				struct start_point *best)
{
	double levels[CML_MAX_TYPES + 1];
	int n = 0;
	struct start_point try;

	if (mdl->participants != 1 || mdl->ntypes > START_ASSIGN_MAX_TYPES)
		return;
	levels[n++] = 0.0;
	for (int j = 0; j < mdl->ntypes; j++) {
		/* With the common technology m~_j is where type j's slack
		   v(a(m)) - c_j m - f_j is largest, whatever its own f_j. */
		struct reservation common;
		reservation_compute(&mdl->accuracy, &mdl->valuation,
				    mdl->cost[j], &common);
		if (common.contribution > 0.0)
			levels[n++] = common.contribution;
	}
	qsort(levels, (size_t)n, sizeof(double), cmp_ascending);
	memset(&try, 0, sizeof(try));
	assign_levels(mdl, tolerance, levels, n, 0, 0, &try, best);
}

int start_best(const struct model *mdl, double tolerance,
	       struct start_point *p)
{
	int types = mdl->ntypes;
	struct pooled pl = { .mdl = mdl, .size = mdl->participants + 1 };
	struct start_point candidate;

	start_stand_alone(mdl, p);
	pl.overall = malloc(sizeof(double) * (size_t)pl.size);
	pl.value = malloc(sizeof(double) * (size_t)pl.size);
	pl.given = malloc(sizeof(double) * (size_t)pl.size * (size_t)types);
	pl.log_factorial = mdl->method == METHOD_APPROX ?
			   malloc(sizeof(double) * (size_t)pl.size) : NULL;
	if (pl.overall == NULL || pl.value == NULL || pl.given == NULL ||
	    (mdl->method == METHOD_APPROX && pl.log_factorial == NULL)) {
		free(pl.overall);
		free(pl.value);
		free(pl.given);
		free(pl.log_factorial);
		return -1;
	}
	if (pl.log_factorial != NULL) {
		pl.log_factorial[0] = 0.0;
		for (int j = 1; j < pl.size; j++)
			pl.log_factorial[j] = pl.log_factorial[j - 1] +
					      log((double)j);
	}
	for (int k = 0; k < types; k++) {
		if (mdl->method == METHOD_APPROX)
			pooled_binomial(&pl, k);
		else
			pooled_aggregate(&pl, k);
		/* Bisect to true feasibility; the tolerance is for confirming. */
		if (!pooled_best(&pl, 0.0, &candidate) ||
		    !(candidate.objective > p->objective))
			continue;
		/* Confirm with the exact evaluation before trusting it. */
		start_evaluate(mdl, &candidate);
		if (candidate.violation <= tolerance &&
		    candidate.objective > p->objective)
			*p = candidate;
	}
	free(pl.overall);
	free(pl.value);
	free(pl.given);
	free(pl.log_factorial);
	start_assign_levels(mdl, tolerance, p);
	return 0;
}
