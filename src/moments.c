/*
 * moments.c - one pass over the outcomes for the objective and budgets.
 */
#include "moments.h"

#include <string.h>

void moments_eval(const struct model *mdl, const double *m, bool gradients,
		  struct moments *out)
{
	const struct outcome_set *set = &mdl->outcomes;
	int types = mdl->ntypes;
	double sum_value[CML_MAX_TYPES] = { 0 };

	memset(out, 0, sizeof(*out));
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		double w = set->weight[r];
		double total = 0.0, slope, value_slope;

		for (int j = 0; j < types; j++)
			total += row[j] * m[j];
		double a = accuracy_eval(&mdl->accuracy, total, &slope, NULL);
		if (a == 0.0)
			continue; /* contributes nothing, and no gradient */
		double value = valuation_eval(&mdl->valuation, a,
					      &value_slope, NULL);
		out->expected_accuracy += w * a;
		out->expected_value += w * value;
		for (int i = 0; i < types; i++)
			if (row[i] > 0)
				sum_value[i] += w * value;
		if (!gradients)
			continue;
		double wa = w * slope, wv = w * value_slope * slope;
		for (int j = 0; j < types; j++)
			out->accuracy_grad[j] += wa * row[j];
		for (int i = 0; i < types; i++) {
			if (row[i] == 0)
				continue;
			for (int j = 0; j < types; j++)
				out->tbar_grad[i][j] += wv * row[j];
		}
	}
	for (int i = 0; i < types; i++) {
		double mass = set->present_mass[i];
		out->tbar[i] = sum_value[i] / mass;
		if (gradients)
			for (int j = 0; j < types; j++)
				out->tbar_grad[i][j] /= mass;
	}
}
