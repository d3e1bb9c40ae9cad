/*
 * complete.c - the complete-information benchmark, one root per outcome.
 *
 * phi(S) = A v(a(S)) - B - S is concave above the accuracy threshold and
 * negative below it.  Its maximiser is the stand-alone optimum for a
 * per-unit cost of 1/A, which reservation_compute() finds exactly; if
 * phi is positive there, the largest root lies to the right, where phi
 * decreases, and Newton's method from an upper bound converges to it
 * monotonically (a concave function seen from the right).
 */
#include "complete.h"

#include <math.h>
#include <string.h>

#include "lattice.h"
#include "rounding.h"

static double phi(const struct model *mdl, double a_coef, double b_coef,
		  double s, double *slope)
{
	double d1, v1;
	double a = accuracy_eval(&mdl->accuracy, s, &d1, NULL);
	double value = valuation_eval(&mdl->valuation, a, &v1, NULL);

	*slope = a_coef * v1 * d1 - 1.0;
	return a_coef * value - b_coef - s;
}

double complete_root(const struct model *mdl, double a_coef, double b_coef)
{
	struct reservation peak;
	double slope;

	reservation_compute(&mdl->accuracy, &mdl->valuation, 1.0 / a_coef,
			    &peak);
	if (!peak.trains_alone)
		return 0.0; /* A v(a(S)) <= S everywhere: no positive root */
	double lo = peak.contribution;
	double top = phi(mdl, a_coef, b_coef, lo, &slope);
	/*
	 * A lone party held to its stand-alone profit makes the peak a
	 * tangent root: phi = 0 up to rounding there.  A rounding error of
	 * e in phi would move a root found by bisection by sqrt(e), so any
	 * peak within rounding of 0 is the root itself.
	 */
	double rounding = 1e-12 * (b_coef + lo);
	if (!(top > rounding))
		return b_coef > 0.0 && top > -rounding ? lo : 0.0;
	/* phi(S) < A v_max - B - S, so the root is below A v_max - B. */
	double hi = a_coef * mdl->value_scale - b_coef;
	double s = hi;
	for (int iter = 0; iter < 200; iter++) {
		double f = phi(mdl, a_coef, b_coef, s, &slope);
		if (f > 0.0)
			lo = s;
		else
			hi = s;
		double next = slope < 0.0 ? s - f / slope : 0.5 * (lo + hi);
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (next == s || hi - lo <= 1e-15 * hi)
			break;
		s = next;
	}
	return s;
}

double complete_contribution(const struct model *mdl, int type, double s,
			     double value)
{
	/* Where no positive root exists no one trains: m = 0, not -f/c. */
	if (!(s > 0.0))
		return 0.0;
	return (value - mdl->reserve[type].profit) / mdl->cost[type];
}

void complete_info_compute(const struct model *mdl, const double *m,
			   const double *t, double incomplete_value,
			   struct complete_info *out)
{
	const struct outcome_set *set = &mdl->outcomes;

	double present[CML_MAX_TYPES] = { 0.0 }; /* P(n_i >= 1) */

	memset(out, 0, sizeof(*out));
	if (mdl->method == METHOD_APPROX &&
	    lattice_complete(mdl, out) != 0) {
		out->expected_value = out->expected_accuracy = NAN;
		for (int i = 0; i < mdl->ntypes; i++)
			out->contribution[i] = out->type_value[i] = NAN;
	}
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		double a_coef = 0.0, b_coef = 0.0;
		for (int i = 0; i < mdl->ntypes; i++) {
			a_coef += row[i] / mdl->cost[i];
			b_coef += row[i] * mdl->reserve[i].profit / mdl->cost[i];
		}
		double s = complete_root(mdl, a_coef, b_coef);
		double a = accuracy_eval(&mdl->accuracy, s, NULL, NULL);
		double value = valuation_eval(&mdl->valuation, a, NULL, NULL);
		double w = set->weight[r];
		out->expected_accuracy += w * a;
		out->expected_value += w * value;
		for (int i = 0; i < mdl->ntypes; i++) {
			if (row[i] == 0)
				continue;
			present[i] += w;
			out->type_value[i] += w * value;
			out->contribution[i] += w * complete_contribution(
				mdl, i, s, value);
		}
	}
	for (int i = 0; i < mdl->ntypes && set->count > 0; i++) {
		out->type_value[i] = present[i] > 0.0 ?
				     out->type_value[i] / present[i] : 0.0;
		out->contribution[i] = present[i] > 0.0 ?
				       out->contribution[i] / present[i] : 0.0;
	}
	/* Equal values differ by rounding only: report 0 (contract.h). */
	out->information_cost = fabs(incomplete_value - out->expected_value) <=
		rounding_slack(fmax(incomplete_value,
					     out->expected_value),
					set->count) ?
		0.0 : incomplete_value - out->expected_value;
	for (int i = 0; i < mdl->ntypes; i++) {
		double paid = mdl->cost[i] * m[i];
		out->rent[i] = rounding_cancel(
			t[i] - paid - mdl->reserve[i].profit,
			fabs(t[i]) + paid + mdl->reserve[i].profit);
	}
}
