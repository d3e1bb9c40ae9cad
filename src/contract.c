/*
 * contract.c - from a solution to the numbers a report shows.
 */
#include "contract.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "moments.h"
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

/* Groups runs of adjacent types whose contributions agree. */
static void find_groups(struct contract *c)
{
	const double *m = c->solution.m;

	c->ngroups = 0;
	for (int i = 0; i < c->ntypes; i++) {
		bool joins = i > 0 && fabs(m[i] - m[i - 1]) <=
			CONTRACT_POOLING_TOL * fmax(fabs(m[i]), fabs(m[i - 1]));
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
	find_groups(out);
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
