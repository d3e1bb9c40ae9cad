/*
 * bound.c - branch and bound over boxes of increments, with concave
 * envelopes as the relaxation.
 *
 * S(n) = sum_k K_k(n) d_k with K_k(n) = n_k + ... + n_I, so a box
 * lo <= d <= hi bounds every outcome's S to [sum K lo, sum K hi], and the
 * envelope of a over that interval (envelope.h) is exact for an outcome
 * whose interval does not straddle the threshold z.  Branching splits one
 * increment where it takes the outcome with the largest relaxation gap
 * across z, so that outcome is exact in one child at least; both children
 * are then re-solved from their parent's relaxed optimum.
 */
#include "bound.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "dual-bound.h"
#include "envelope.h"
#include "menu.h"

/* SLSQP runs on one box's relaxation before its bound is taken as is. */
#define RELAXATION_ATTEMPTS 3
/* Envelopes remembered while building a box's (see build_envelopes). */
#define ENVELOPE_CACHE 16

/* One box of increments and what its relaxation gave. */
struct node {
	double lo[CML_MAX_TYPES], hi[CML_MAX_TYPES];
	double bound;              /* relaxed optimum: nothing in the box is above */
	struct start_point point;  /* where the relaxation reached it */
	int branch_var;            /* increment to split, -1: box settled */
	double split;              /* where */
};

struct search {
	struct local_run *r;
	const struct model *mdl;
	struct start_point *best;  /* the incumbent */
	double tol;                /* absolute gap that certifies */
	struct envelope *env;      /* per outcome, for the box being solved */
	struct node *open;         /* boxes still to branch */
	int nopen;
	int solved;                /* relaxations solved */
	bool by_convergence;       /* a box was closed by convergence alone */
	double unclosed_bound;     /* the largest dual bound of those boxes */
};

/* Head-counts K_k(n) of outcome row (types of index k or above). */
static void head_counts(const uint16_t *row, int types, double *heads)
{
	double total = 0.0;

	for (int k = types - 1; k >= 0; k--) {
		total += row[k];
		heads[k] = total;
	}
}

/*
 * True if env, built over [lo, hi], is also the envelope over [lo, other]:
 * the same for any right end when exact, while below the threshold when
 * zero, past the tangent point when a tangent; a chord needs the same end.
 */
static bool envelope_same_over(const struct envelope *env, double hi,
			       double other, double zero_below)
{
	if (env->exact)
		return true;
	if (env->zero)
		return other <= zero_below;
	if (env->knot < hi)
		return other > env->knot;
	return other == hi;
}

/*
 * Every outcome's envelope for the box.  The tangent depends on the left
 * end only, and few distinct left ends occur (K_1(n) = N for every n, so
 * a box that raises only d_1 gives them all the same one): envelopes are
 * copied from the last one built with the same ends where possible, and
 * a tangent is reused for an equal left end.
 */
static void build_envelopes(struct search *s, const double *lo,
			    const double *hi)
{
	const struct outcome_set *set = &s->mdl->outcomes;
	int types = s->mdl->ntypes;
	double heads[CML_MAX_TYPES];
	struct envelope recent[ENVELOPE_CACHE];
	double recent_hi[ENVELOPE_CACHE];
	int cached = 0, next = 0;

	for (size_t r = 0; r < set->count; r++) {
		double s_lo = 0.0, s_hi = 0.0;
		head_counts(outcomes_row(set, r), types, heads);
		for (int k = 0; k < types; k++) {
			s_lo += heads[k] * lo[k];
			s_hi += heads[k] * hi[k];
		}
		int hit = -1;
		for (int c = 0; c < cached && hit < 0; c++)
			if (recent[c].lo == s_lo &&
			    envelope_same_over(&recent[c], recent_hi[c], s_hi,
					       s->mdl->accuracy.zero_below))
				hit = c;
		if (hit >= 0) {
			s->env[r] = recent[hit];
			continue;
		}
		envelope_build(&s->mdl->accuracy, s_lo, s_hi, &s->env[r]);
		recent[next] = s->env[r];
		recent_hi[next] = s_hi;
		next = (next + 1) % ENVELOPE_CACHE;
		if (cached < ENVELOPE_CACHE)
			cached++;
	}
}

/*
 * Where to split the node's box: the outcome whose relaxation gap at the
 * relaxed optimum weighs most (in the objective and in the budgets of the
 * types it contains), the increment that widens its S most, at the value
 * that lifts its lower end to the threshold (else at the relaxed optimum,
 * else halfway).  Needs the node's envelopes in s->env.
 */
static void choose_branch(struct search *s, struct node *nd, bool shared)
{
	const struct model *mdl = s->mdl;
	const struct outcome_set *set = &mdl->outcomes;
	int types = mdl->ntypes;
	double worst = 0.0, heads[CML_MAX_TYPES], d[CML_MAX_TYPES];
	size_t pick = 0;

	nd->branch_var = -1;
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		const struct envelope *env = &s->env[shared ? 0 : r];
		double total = 0.0, slope, weight = 1.0;
		for (int j = 0; j < types; j++)
			total += row[j] * nd->point.m[j];
		if (envelope_tight_at(env, total))
			continue;
		double a = accuracy_eval(&mdl->accuracy, total, &slope, NULL);
		double gap = envelope_eval(env, total, a, slope, &slope) - a;
		for (int i = 0; i < types; i++)
			if (row[i] > 0)
				weight += 1.0 / set->present_mass[i];
		if (gap * weight * set->weight[r] > worst) {
			worst = gap * weight * set->weight[r];
			pick = r;
		}
	}
	if (!(worst > 0.0))
		return;
	const uint16_t *row = outcomes_row(set, pick);
	double s_lo = 0.0, widest = 0.0;
	head_counts(row, types, heads);
	for (int k = 0; k < types; k++) {
		s_lo += heads[k] * nd->lo[k];
		d[k] = nd->point.m[k] - (k > 0 ? nd->point.m[k - 1] : 0.0);
		double width = heads[k] * (nd->hi[k] - nd->lo[k]);
		if (width > widest) {
			widest = width;
			nd->branch_var = k;
		}
	}
	if (nd->branch_var < 0)
		return;
	int k = nd->branch_var;
	double lo = nd->lo[k], hi = nd->hi[k], margin = 1e-9 * fmax(hi, 1.0);
	double lift = lo + (mdl->accuracy.zero_below - s_lo) / heads[k];
	if (lift > lo + margin && lift < hi - margin)
		nd->split = lift;
	else if (d[k] > lo + margin && d[k] < hi - margin)
		nd->split = d[k];
	else
		nd->split = 0.5 * (lo + hi);
}

/*
 * True if SLSQP ended a relaxation run by converging (tolerances met, or
 * stopped for lack of progress) at a feasible point that it moved to.
 */
static bool converged(const struct local_run *r, int code,
		      const struct start_point *end)
{
	bool ok = code == NLOPT_SUCCESS || code == NLOPT_FTOL_REACHED ||
		  code == NLOPT_XTOL_REACHED ||
		  (code == NLOPT_FORCED_STOP && r->stalled);

	return ok && local_feasible(end);
}

/* Offers a contract as the new incumbent. */
static void offer(struct search *s, const struct start_point *p)
{
	if (local_feasible(p) && p->objective > s->best->objective)
		*s->best = *p;
}

/* The contract at from's increments, clamped into nd's box. */
static void clamp_into(const struct model *mdl, const struct node *nd,
		       const struct start_point *from, struct start_point *out)
{
	double total = 0.0;

	for (int k = 0; k < mdl->ntypes; k++) {
		double d = from->m[k] - (k > 0 ? from->m[k - 1] : 0.0);
		total += fmin(fmax(d, nd->lo[k]), nd->hi[k]);
		out->m[k] = total;
	}
	menu_min_rewards(mdl, out->m, out->t);
}

/*
 * Where no outcome's gap can guide the split but the bound is still
 * loose (SLSQP did not reach the relaxation's optimum): halve the widest
 * increment, so the linearisation behind the dual bound tightens.
 */
static void branch_widest(const struct model *mdl, struct node *nd)
{
	double widest = 0.0;

	for (int k = 0; k < mdl->ntypes; k++)
		if (nd->hi[k] - nd->lo[k] > widest) {
			widest = nd->hi[k] - nd->lo[k];
			nd->branch_var = k;
		}
	if (nd->branch_var >= 0)
		nd->split = nd->lo[nd->branch_var] + 0.5 * widest;
}

/*
 * Solves the relaxation over nd's box from the point from, and when the
 * box may hold a better contract, looks for one there (the relaxed
 * optimum itself, then a local solve from it).  Returns false if the box
 * can be dropped: its bound does not beat the incumbent.
 *
 * The bound is the dual one (dual-bound.h), valid however SLSQP ended.
 * When it is loose SLSQP runs again, from the incumbent (SLSQP can give
 * up at once at a degenerate start) and then from its best end point (a
 * fresh quasi-Newton model often finishes what the last one could not).
 */
static bool solve_box(struct search *s, struct node *nd,
		      const struct start_point *from, double parent_bound,
		      bool shared)
{
	struct local_run *r = s->r;
	const struct model *mdl = s->mdl;
	struct start_point start, end, candidate, local;
	double bound = INFINITY;
	bool have_point = false;

	memcpy(r->box_lo, nd->lo, sizeof(nd->lo));
	memcpy(r->box_hi, nd->hi, sizeof(nd->hi));
	memset(r->pooled, 0, sizeof(r->pooled));
	problem_set_relaxation(&r->prob, s->env, shared);
	double converged_at = INFINITY;
	for (int attempt = 0; attempt < RELAXATION_ATTEMPTS; attempt++) {
		if (attempt == 0)
			clamp_into(mdl, nd, from, &start);
		else if (attempt == 1)
			clamp_into(mdl, nd, s->best, &start);
		else
			start = nd->point;
		problem_set_scales(&r->prob, start.m);
		int code = local_slsqp(r, &start, &end);
		s->solved++;
		bound = fmin(bound, dual_bound(&r->prob, r->x_end, r->x_lo,
					       r->x_hi));
		if (converged(r, code, &end))
			converged_at = fmin(converged_at, end.objective);
		if (!have_point || local_better(&end, &nd->point))
			nd->point = end;
		have_point = true;
		if (bound <= nd->point.objective + s->tol ||
		    bound <= s->best->objective + s->tol)
			break;
	}
	nd->bound = fmin(bound, parent_bound);
	/*
	 * Where the dual bound cannot close the box (no multipliers exist
	 * where a type's only feasible contribution is a single point, as at
	 * N = 1), a relaxation SLSQP solved to convergence closes it instead;
	 * the search then says its certificate rests on that.  Elsewhere a
	 * loose bound can also mean SLSQP stopped short on a flat relaxation
	 * (a saturated exp accuracy was certified this way 3e-8 below its
	 * optimum), so the box's dual bound is kept for the upper bound the
	 * search reports: that one stays true.  Branching instead would cost
	 * the whole time budget on many types.
	 */
	if (nd->bound > s->best->objective + s->tol &&
	    converged_at <= s->best->objective + s->tol) {
		s->unclosed_bound = fmax(s->unclosed_bound, nd->bound);
		nd->bound = fmax(converged_at, s->best->objective);
		s->by_convergence = true;
	}
	choose_branch(s, nd, shared);
	problem_set_relaxation(&r->prob, NULL, false);
	if (nd->bound <= s->best->objective + s->tol)
		return false;
	memcpy(candidate.m, nd->point.m, sizeof(candidate.m));
	start_evaluate(mdl, &candidate);
	offer(s, &candidate);
	if (nd->bound <= s->best->objective + s->tol)
		return false; /* the relaxed optimum was exact: settled */
	if (nd->branch_var < 0)
		branch_widest(mdl, nd);
	(void)local_solve(r, &candidate, &local);
	offer(s, &local);
	return nd->bound > s->best->objective + s->tol &&
	       nd->branch_var >= 0;
}

/* Index of the open box with the highest bound. */
static int highest_open(const struct search *s)
{
	int top = 0;

	for (int i = 1; i < s->nopen; i++)
		if (s->open[i].bound > s->open[top].bound)
			top = i;
	return top;
}

/* Splits open box i into its two children and solves them. */
static void branch(struct search *s, int i)
{
	struct node parent = s->open[i];
	int k = parent.branch_var;

	s->open[i] = s->open[--s->nopen];
	for (int side = 0; side < 2; side++) {
		struct node *child = &s->open[s->nopen];
		memcpy(child->lo, parent.lo, sizeof(parent.lo));
		memcpy(child->hi, parent.hi, sizeof(parent.hi));
		if (side == 0)
			child->hi[k] = parent.split;
		else
			child->lo[k] = parent.split;
		build_envelopes(s, child->lo, child->hi);
		if (solve_box(s, child, &parent.point, parent.bound, false))
			s->nopen++;
	}
}

int bound_search(struct local_run *r, struct start_point *best,
		 double deadline, struct bound_result *out)
{
	const struct model *mdl = r->prob.mdl;
	struct search s = { .r = r, .mdl = mdl, .best = best,
			    .unclosed_bound = -INFINITY };
	struct envelope root_env;
	struct node root;
	int status = 0;

	s.tol = BOUND_GAP_TOL * fmax(best->objective,
				     1e-2 * accuracy_eval(&mdl->accuracy, 1e300,
							  NULL, NULL));
	out->certified = false;
	out->nodes = 0;
	out->upper_bound = INFINITY;
	/* The root: every outcome's S anywhere in [0, inf). */
	local_reset_box(r);
	r->deadline = deadline; /* every SLSQP run of the search stops by it */
	memcpy(root.lo, r->box_lo, sizeof(root.lo));
	memcpy(root.hi, r->box_hi, sizeof(root.hi));
	envelope_build(&mdl->accuracy, 0.0, HUGE_VAL, &root_env);
	s.env = &root_env;
	bool open = solve_box(&s, &root, best, INFINITY, true);
	if (open) {
		s.env = malloc(sizeof(*s.env) * mdl->outcomes.count);
		s.open = malloc(sizeof(*s.open) * (BOUND_MAX_NODES + 2));
		if (s.env == NULL || s.open == NULL) {
			status = -1;
		} else {
			s.open[s.nopen++] = root;
			while (s.nopen > 0) {
				int top = highest_open(&s);
				if (s.open[top].bound <= best->objective + s.tol) {
					s.nopen = 0;
					break;
				}
				if (s.solved >= BOUND_MAX_NODES ||
				    clock_seconds() > deadline ||
				    local_cancelled(r))
					break;
				branch(&s, top);
			}
			out->upper_bound = best->objective;
			for (int i = 0; i < s.nopen; i++)
				out->upper_bound = fmax(out->upper_bound,
							s.open[i].bound);
			out->certified = s.nopen == 0;
		}
		free(s.env);
		free(s.open);
	} else {
		out->certified = root.bound <= best->objective + s.tol;
		out->upper_bound = fmax(best->objective, root.bound);
	}
	out->upper_bound = fmax(out->upper_bound, s.unclosed_bound);
	out->nodes = s.solved;
	out->by_convergence = out->certified && s.by_convergence;
	problem_set_relaxation(&r->prob, NULL, false);
	local_reset_box(r);
	memset(r->pooled, 0, sizeof(r->pooled));
	r->deadline = 0.0;
	return status;
}
