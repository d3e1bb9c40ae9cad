/*
 * moments.c - one pass over the outcomes for the objective and budgets.
 *
 * The budgets need, for every type i, sums over the outcomes where type i
 * is present.  Doing that per outcome costs I^2 operations; instead the
 * pass accumulates per presence pattern (which types have n_i >= 1) at a
 * cost of I per outcome, and the 2^I patterns are folded into the I
 * budgets at the end.  That pays whenever there are many more outcomes
 * than patterns, which is when the pass is expensive.
 */
#include "moments.h"

#include <string.h>

#include "envelope.h"
#include "lattice.h"

/* Patterns are used up to this many types (2^8 x 8 doubles on the stack). */
#define PATTERN_MAX_TYPES 8
/* Outcomes per call of the accuracy family's batch evaluation. */
#define CHUNK 128

/* Adds one outcome's terms straight into the per-type sums. */
static inline void add_direct(struct moments *out, double *sum_value,
			      const uint16_t *row, int types, double w_value,
			      double w_slope, bool gradients)
{
	for (int i = 0; i < types; i++) {
		if (row[i] == 0)
			continue;
		sum_value[i] += w_value;
		if (gradients)
			for (int j = 0; j < types; j++)
				out->tbar_grad[i][j] += w_slope * row[j];
	}
}

double moments_outcome_value(const struct model *mdl, const double *m,
			     size_t r)
{
	const uint16_t *row = outcomes_row(&mdl->outcomes, r);
	double total = 0.0;

	for (int j = 0; j < mdl->ntypes; j++)
		total += row[j] * m[j];
	return valuation_eval(&mdl->valuation,
			      accuracy_eval(&mdl->accuracy, total, NULL, NULL),
			      NULL, NULL);
}

void moments_eval_relaxed(const struct model *mdl, const double *m,
			  const struct envelope *env, bool shared,
			  bool gradients, struct moments *out)
{
	moments_eval_hinted(mdl, m, env, shared, gradients, NULL, out);
}

void moments_eval_hinted(const struct model *mdl, const double *m,
			 const struct envelope *env, bool shared,
			 bool gradients, double *hint, struct moments *out)
{
	if (mdl->method == METHOD_APPROX && env == NULL) {
		/* Out of memory leaves an infinite error: nothing is trusted. */
		(void)lattice_moments(mdl, m, gradients, hint, out);
		return;
	}
	const struct outcome_set *set = &mdl->outcomes;
	int types = mdl->ntypes;
	/* 1 << types only where patterns are used (a shift by 64 is UB). */
	size_t patterns = types <= PATTERN_MAX_TYPES ? (size_t)1 << types : 0;
	bool by_pattern = patterns > 0 && set->count >= 4 * patterns;
	double sum_value[CML_MAX_TYPES] = { 0 };
	double pattern_value[1 << PATTERN_MAX_TYPES];
	double pattern_grad[1 << PATTERN_MAX_TYPES][PATTERN_MAX_TYPES];

	memset(out, 0, sizeof(*out));
	if (by_pattern) {
		memset(pattern_value, 0, sizeof(double) * patterns);
		if (gradients)
			memset(pattern_grad, 0, sizeof(pattern_grad[0]) * patterns);
	}
	for (size_t start = 0; start < set->count; start += CHUNK) {
		size_t end = start + CHUNK < set->count ? start + CHUNK : set->count;
		double total[CHUNK], acc[CHUNK], slope[CHUNK];

		for (size_t r = start; r < end; r++) {
			const uint16_t *row = outcomes_row(set, r);
			double s = 0.0;
			for (int j = 0; j < types; j++)
				s += row[j] * m[j];
			total[r - start] = s;
		}
		accuracy_eval_batch(&mdl->accuracy, total, end - start, acc, slope);
		if (env != NULL)
			for (size_t r = start; r < end; r++) {
				size_t k = r - start;
				acc[k] = envelope_eval(&env[shared ? 0 : r], total[k],
						       acc[k], slope[k], &slope[k]);
			}
		for (size_t r = start; r < end; r++) {
			const uint16_t *row = outcomes_row(set, r);
			double w = set->weight[r], a = acc[r - start], value_slope;
			if (a == 0.0 && slope[r - start] == 0.0)
				continue; /* contributes nothing, and no gradient */
			double value = valuation_eval(&mdl->valuation, a,
						      &value_slope, NULL);
			double a_slope = slope[r - start];
			out->expected_accuracy += w * a;
			out->expected_value += w * value;
			double w_slope = w * value_slope * a_slope;
			if (gradients)
				for (int j = 0; j < types; j++)
					out->accuracy_grad[j] += w * a_slope * row[j];
			if (!by_pattern) {
				add_direct(out, sum_value, row, types, w * value,
					   w_slope, gradients);
				continue;
			}
			unsigned mask = set->present[r];
			pattern_value[mask] += w * value;
			if (gradients)
				for (int j = 0; j < types; j++)
					pattern_grad[mask][j] += w_slope * row[j];
		}
	}
	if (by_pattern) {
		for (size_t mask = 1; mask < patterns; mask++)
			for (int i = 0; i < types; i++) {
				if (!(mask & (1u << i)))
					continue;
				sum_value[i] += pattern_value[mask];
				if (gradients)
					for (int j = 0; j < types; j++)
						out->tbar_grad[i][j] +=
							pattern_grad[mask][j];
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

void moments_eval(const struct model *mdl, const double *m, bool gradients,
		  struct moments *out)
{
	moments_eval_relaxed(mdl, m, NULL, false, gradients, out);
}
