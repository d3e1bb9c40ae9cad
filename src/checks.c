/*
 * checks.c - measuring the paper's properties on a solved contract.
 */
#include "checks.h"

#include <math.h>

#include "moments.h"

const struct check_info check_info[CHECK_COUNT] = {
	[CHECK_IR] = { "ir", "Individual rationality", "IR",
		       "u_i >= f_i" },
	[CHECK_IC] = { "ic", "Incentive compatibility", "IC",
		       "u_i >= t_j - c_i m_j" },
	[CHECK_BUDGET] = { "budget", "First-moment budget", "Prop. 4",
			   "t_i <= tbar_i" },
	[CHECK_FAIRNESS] = { "fairness", "Proportional fairness", "Prop. 6",
			     "m, t non-decreasing" },
	[CHECK_ADJACENT] = { "adjacent", "Adjacent comparisons", "Thm. 1",
			     "u_i = t_{i-1} - c_i m_{i-1}" },
	[CHECK_WEAK_EFFICIENCY] = { "weak_efficiency", "Weak efficiency",
				    "Prop. 7",
				    "t_I = tbar_I" },
	[CHECK_BREAK_EVEN] = { "break_even", "Break-even", "Prop. 8",
			       "u_1 = f_1" },
	[CHECK_ORIGINAL_BUDGET] = { "original_budget", "Original budget",
				    "Prop. 5",
				    "r_i(n) <= a(S(n))" },
};

double checks_tolerance(const struct model *mdl)
{
	/* 1e-8 on the paper's scale, where a perfect model is worth 100. */
	return 1e-10 * fmax(mdl->value_scale, 1e-300);
}

/* Keeps the smallest margin and where it occurred. */
static void record(struct check_result *c, double margin, int where)
{
	c->applicable = true;
	if (margin < c->worst_slack) {
		c->worst_slack = margin;
		c->where = where;
	}
}

/* v(a(s)). */
static double value_at(const struct model *mdl, double s)
{
	double a = accuracy_eval(&mdl->accuracy, s, NULL, NULL);

	return valuation_eval(&mdl->valuation, a, NULL, NULL);
}

/*
 * Type i's share t_i / tbar_i of the model.  A t_i above tbar_i by no more
 * than the budget check's tolerance is rounding, not a promise beyond the
 * trained model: it counts as a share of 1.  (Without this a type whose
 * tbar_i is tiny, as where a(m) rises from a(0) = 0 with a finite slope,
 * turns an excess of 1e-14 into a share 1e-8 above 1 of every outcome's
 * full value.)
 */
static double budget_share(const struct model *mdl, double t, double tbar)
{
	double share = tbar > 0.0 ? t / tbar : 0.0;

	if (share > 1.0 && tbar - t >= -checks_tolerance(mdl))
		return 1.0;
	return share;
}

/*
 * Without outcomes: the margin v(a(S)) (1 - t_i / tbar_i) has the sign of
 * 1 - share everywhere, so its worst is at the smallest S type i can see
 * when the share is at most 1, and at the largest S when it is above.
 */
static void approx_original_budget(const struct model *mdl, const double *m,
				   const double *t, const double *tbar,
				   struct check_result *c)
{
	int n = mdl->participants;
	double m_min = m[0], m_max = m[0];

	for (int j = 1; j < mdl->ntypes; j++) {
		m_min = fmin(m_min, m[j]);
		m_max = fmax(m_max, m[j]);
	}
	for (int i = 0; i < mdl->ntypes; i++) {
		double share = budget_share(mdl, t[i], tbar[i]);
		double s = share <= 1.0 ? m[i] + (n - 1) * m_min : n * m_max;
		record(c, (1.0 - share) * value_at(mdl, s), i);
	}
}

/* The largest accuracy any type is assigned, per outcome, vs a(S(n)). */
static void original_budget(const struct model *mdl, const double *m,
			    const double *t, const double *tbar,
			    struct check_result *c)
{
	const struct outcome_set *set = &mdl->outcomes;

	if (mdl->method == METHOD_APPROX) {
		approx_original_budget(mdl, m, t, tbar, c);
		return;
	}
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		double value = moments_outcome_value(mdl, m, r);
		for (int i = 0; i < mdl->ntypes; i++) {
			if (row[i] == 0)
				continue;
			double share = budget_share(mdl, t[i], tbar[i]);
			double reward = valuation_inverse(&mdl->valuation,
							  share * value);
			/* Compare in value terms, like every other check. */
			double margin = value - valuation_eval(&mdl->valuation,
							       reward, NULL,
							       NULL);
			record(c, margin, i);
		}
	}
}

void checks_run(const struct model *mdl, const double *m, const double *t,
		const double *tbar, struct check_result out[CHECK_COUNT])
{
	int types = mdl->ntypes, last = types - 1;
	const double *c = mdl->cost;

	for (int k = 0; k < CHECK_COUNT; k++)
		out[k] = (struct check_result){ false, true, INFINITY, -1 };
	for (int i = 0; i < types; i++) {
		double u = t[i] - c[i] * m[i];
		record(&out[CHECK_IR], u - mdl->reserve[i].profit, i);
		record(&out[CHECK_BUDGET], tbar[i] - t[i], i);
		for (int j = 0; j < types; j++)
			if (j != i)
				record(&out[CHECK_IC],
				       u - (t[j] - c[i] * m[j]), i);
		if (i == 0)
			continue;
		record(&out[CHECK_FAIRNESS],
		       fmin(c[i] * (m[i] - m[i - 1]), t[i] - t[i - 1]), i - 1);
		record(&out[CHECK_ADJACENT],
		       -fabs(u - (t[i - 1] - c[i] * m[i - 1])), i);
	}
	record(&out[CHECK_WEAK_EFFICIENCY], -fabs(t[last] - tbar[last]), last);
	record(&out[CHECK_BREAK_EVEN],
	       -fabs(t[0] - c[0] * m[0] - mdl->reserve[0].profit), 0);
	original_budget(mdl, m, t, tbar, &out[CHECK_ORIGINAL_BUDGET]);

	double tol = checks_tolerance(mdl);
	for (int k = 0; k < CHECK_COUNT; k++)
		out[k].pass = !out[k].applicable || out[k].worst_slack >= -tol;
}
