/*
 * contract.c - from a solution to the numbers a report shows.
 */
#include "contract.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "moments.h"
#include "numfmt.h"
#include "rewards.h"
#include "rounding.h"

const char *contract_status_name(enum pooling_status status)
{
	switch (status) {
	case POOLING_SEPARATING:
		return "separating";
	case POOLING_FULL:
		return "pooling";
	case POOLING_PARTIAL:
		return "partial pooling";
	case POOLING_NONE:
		return "no collaboration";
	}
	return "unknown";
}

/*
 * Whether the options of adjacent types i - 1 and i (0-based; i is the
 * cheaper) count as one, and whether only the expectation error says so.
 *
 * They agree when |m_i - m_{i-1}| <= CONTRACT_POOLING_TOL * largest, the
 * largest contribution of all types: the
 * solver's own precision.  With approximate expectations (relative error
 * eps on E[v] and on every tbar_j) the options are also indistinct when
 *
 *     |m_i - m_{i-1}| <= CONTRACT_ERROR_POOLING_K * eps
 *                        * max(tbar_{i-1}, tbar_i) / c_i.
 *
 * Why: the rewards follow the contributions through the adjacent
 * comparisons, t_i = t_{i-1} + c_i (m_i - m_{i-1}), so a gap d between
 * the two options is a reward difference of c_i d, in value units.  The
 * solver places that gap where the budgets t <= tbar allow it, and each
 * of the two budgets it sees may be off by eps * tbar, in opposite
 * directions: by up to 2 eps max(tbar) together (K = 2).  A gap whose
 * reward difference lies within that is not resolved by the
 * expectations: the exact ones may well pool the two types.  Dividing by
 * c_i alone takes the budget as fixed while the gap moves; its own slope
 * in m_i (positive: more data, a better model) only makes the gap more
 * sensitive, so this estimate errs on the side of calling fewer pools.
 */
static bool pooled_pair(const struct contract *c, const double *cost, int i,
			double largest, bool *by_error)
{
	const double *m = c->solution.m;
	double gap = fabs(m[i] - m[i - 1]);
	double plain = CONTRACT_POOLING_TOL * largest;
	double budget = fmax(fabs(c->type[i].tbar), fabs(c->type[i - 1].tbar));
	double error = CONTRACT_ERROR_POOLING_K * c->expectation_error *
		       budget / cost[i];

	*by_error = false;
	if (gap <= plain)
		return true;
	/* Only an error above what the plain tolerance resolves counts. */
	if (error > plain && gap <= error) {
		*by_error = true;
		return true;
	}
	return false;
}

/* Groups runs of adjacent types whose contributions agree. */
/* The closest pair of adjacent options in different groups. */
static void find_closest_pair(struct contract *c)
{
	c->closest_pair = -1;
	c->closest_gap = c->closest_gap_percent = 0.0;
	c->nearly_pooled = false;
	if (c->status == POOLING_NONE)
		return;
	for (int k = 0; k + 1 < c->ntypes; k++) {
		if (c->type[k].group == c->type[k + 1].group)
			continue;
		double gap = c->solution.m[k + 1] - c->solution.m[k];
		double top = fmax(fabs(c->solution.m[k + 1]), fabs(c->solution.m[k]));
		double percent = top > 0.0 ? 100.0 * fabs(gap) / top : 0.0;
		if (c->closest_pair < 0 || percent < c->closest_gap_percent) {
			c->closest_pair = k;
			c->closest_gap = gap;
			c->closest_gap_percent = percent;
		}
	}
	c->nearly_pooled = c->closest_pair >= 0 &&
			   c->closest_gap_percent < CONTRACT_NEAR_POOLING_PERCENT;
}

static void find_groups(const struct model *mdl, struct contract *c)
{
	/*
	 * Gaps count against the largest contribution, not the pair's: two
	 * types at 1e-14 and 2e-14 beside one at 322 both contribute nothing.
	 */
	double largest = 0.0;

	for (int j = 0; j < c->ntypes; j++)
		largest = fmax(largest, fabs(c->solution.m[j]));
	c->ngroups = 0;
	c->pooling_within_error = false;
	for (int i = 0; i < c->ntypes; i++) {
		bool by_error = false;
		bool joins = i > 0 && pooled_pair(c, mdl->cost, i, largest,
						  &by_error);
		if (by_error)
			c->pooling_within_error = true;
		if (!joins) {
			c->group_first[c->ngroups] = i;
			c->group_size[c->ngroups] = 0;
			c->ngroups++;
		}
		c->group_size[c->ngroups - 1]++;
		c->type[i].group = c->ngroups - 1;
	}
	if (!(c->expected_accuracy > 0.0))
		c->status = POOLING_NONE;
	else if (c->ngroups == c->ntypes && c->ntypes > 1)
		c->status = POOLING_SEPARATING;
	else if (c->ngroups == 1)
		c->status = POOLING_FULL;
	else
		c->status = POOLING_PARTIAL;
	/* Without collaboration nobody contributes: no call was made. */
	if (c->status == POOLING_NONE)
		c->pooling_within_error = false;
	find_closest_pair(c);
}

/* Far enough out that an increasing accuracy is at its supremum there. */
#define ACCURACY_FAR 1e300

/*
 * Expectations summed over the outcomes can land a few ulps outside their
 * range (E[v] = 100.00000000000034 above scale * a_opt at costs near
 * 1e-300, where a(S) is a_opt in every outcome).  Such an excess is
 * rounding, so the reported value is put back in range; a larger one is
 * left as it is.  The solution itself (and warm starts) keep the raw
 * numbers.
 */
static void clamp_to_ranges(const struct model *mdl, struct contract *out)
{
	size_t terms = mdl->outcomes.count;
	/* Accuracy families and valuations are increasing, from a = 0 up. */
	double a_sup = accuracy_eval(&mdl->accuracy, ACCURACY_FAR, NULL, NULL);
	double v_lo = valuation_eval(&mdl->valuation, 0.0, NULL, NULL);
	double v_hi = valuation_eval(&mdl->valuation, a_sup, NULL, NULL);

	out->expected_accuracy = rounding_clamp(
		out->expected_accuracy, 0.0, a_sup, terms);
	out->expected_value = rounding_clamp(out->expected_value,
						      v_lo, v_hi, terms);
	for (int i = 0; i < out->ntypes; i++) {
		struct type_result *tr = &out->type[i];
		tr->tbar = rounding_clamp(tr->tbar, v_lo, v_hi, terms);
		tr->reward_accuracy = rounding_clamp(
			tr->reward_accuracy, 0.0, a_sup, terms);
	}
}

void contract_analyse(const struct model *mdl, const struct solution *sol,
		      struct contract *out)
{
	struct moments mom;
	double reward_accuracy[CML_MAX_TYPES];

	memset(out, 0, sizeof(*out));
	out->ntypes = mdl->ntypes;
	out->participants = mdl->participants;
	out->solution = *sol;
	moments_eval(mdl, sol->m, false, &mom);
	out->method = mdl->method;
	out->expectation_error = fmax(mom.error, mdl->expectation_error);
	out->expected_value = mom.expected_value;
	out->expected_accuracy = mom.expected_accuracy;
	rewards_mean_accuracy(mdl, sol->m, sol->t, mom.tbar, reward_accuracy);
	for (int i = 0; i < mdl->ntypes; i++) {
		const struct reservation *res = &mdl->reserve[i];
		struct type_result *tr = &out->type[i];
		tr->reservation_contribution = res->contribution;
		tr->reservation_profit = res->profit;
		tr->reservation_value = res->value;
		tr->trains_alone = res->trains_alone;
		tr->contribution = sol->m[i];
		tr->reward_value = sol->t[i];
		/* Differences of equal numbers are 0, not rounding noise. */
		double paid = mdl->cost[i] * sol->m[i];
		tr->utility = rounding_cancel(sol->t[i] - paid,
						       fabs(sol->t[i]) + paid);
		tr->rent = rounding_cancel(
			sol->t[i] - paid - res->profit,
			fabs(sol->t[i]) + paid + res->profit);
		tr->tbar = mom.tbar[i];
		tr->extra = sol->m[i] - res->contribution;
		tr->reward_accuracy = reward_accuracy[i];
	}
	find_groups(mdl, out);
	checks_run(mdl, sol->m, sol->t, mom.tbar, out->checks);
	clamp_to_ranges(mdl, out);
}

enum solver_result contract_solve(struct solver *s, const struct model *mdl,
				  const struct contract *warm,
				  bool complete_info, struct contract *out)
{
	struct solution sol;
	struct solver_stats stats;
	const struct solution *start = warm != NULL && warm->ntypes ==
				       mdl->ntypes ? &warm->solution : NULL;
	enum solver_result result = solver_run(s, mdl, start, &sol, &stats);

	contract_analyse(mdl, &sol, out);
	out->result = result;
	out->stats = stats;
	if (complete_info) {
		complete_info_compute(mdl, sol.m, sol.t, out->expected_value,
				      &out->complete);
		out->has_complete_info = true;
	}
	return result;
}

void contract_format_method(const struct contract *c, size_t outcomes,
			    char *buf, size_t size)
{
	char bound[32];

	if (c->method == METHOD_APPROX)
		snprintf(buf, size, "approx: error <= %s",
			 numfmt_bound(bound, sizeof(bound),
				      c->expectation_error));
	else
		snprintf(buf, size, "exact: %zu outcome%s", outcomes,
			 outcomes == 1 ? "" : "s");
}

void contract_format_groups(const struct contract *c, char *buf, size_t size)
{
	size_t used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (int g = 0; g < c->ngroups && used < size; g++) {
		int n = snprintf(buf + used, size - used, "%s{", g ? " " : "");
		used += n > 0 ? (size_t)n : 0;
		for (int k = 0; k < c->group_size[g] && used < size; k++) {
			n = snprintf(buf + used, size - used, "%s%d", k ? "," : "",
				     c->group_first[g] + k + 1);
			used += n > 0 ? (size_t)n : 0;
		}
		if (used < size) {
			n = snprintf(buf + used, size - used, "}");
			used += n > 0 ? (size_t)n : 0;
		}
	}
}

void contract_format_groups_within(const struct contract *c, int width,
				   char *buf, size_t size)
{
	char all[CONTRACT_GROUPS_MAX], tail[32];
	int ends[CML_MAX_TYPES], count = 0;

	if (size == 0)
		return;
	/* A buffer shorter than the width must not cut a group either. */
	if ((size_t)width > size - 1)
		width = (int)(size - 1);
	contract_format_groups(c, all, sizeof(all));
	buf[0] = '\0';
	if ((int)strlen(all) <= width) {
		snprintf(buf, size, "%s", all);
		return;
	}
	/* Where each group's text ends. */
	for (const char *p = all; (p = strchr(p, '}')) != NULL && count < c->ngroups;
	     p++)
		ends[count++] = (int)(p + 1 - all);
	/* As many whole groups as fit beside the count of the rest. */
	for (int shown = count - 1; shown >= 0; shown--) {
		int len = shown > 0 ? ends[shown - 1] : 0;
		snprintf(tail, sizeof(tail), "%s+%d more", shown > 0 ? " " : "",
			 count - shown);
		if (len + (int)strlen(tail) <= width) {
			snprintf(buf, size, "%.*s%s", len, all, tail);
			return;
		}
	}
}
