/*
 * rewards.c - reward distributions under proportional assignment.
 */
#include "rewards.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lattice.h"
#include "moments.h"

static int by_value(const void *a, const void *b)
{
	double x = ((const struct reward_atom *)a)->value;
	double y = ((const struct reward_atom *)b)->value;

	return (x > y) - (x < y);
}

/* The approx method's distribution: S_N's lattice given n_i >= 1. */
static int lattice_rewards(const struct model *mdl, const double *m,
			   double share, int type,
			   struct reward_distribution *out)
{
	double *support, *weight;
	int count;

	if (lattice_distribution(mdl, m, type, &support, &weight, &count) != 0)
		return -1;
	out->atoms = malloc(sizeof(*out->atoms) * (size_t)count);
	if (out->atoms == NULL) {
		free(support);
		free(weight);
		return -1;
	}
	for (int k = 0; k < count; k++) {
		double a = accuracy_eval(&mdl->accuracy, support[k], NULL, NULL);
		double value = share * valuation_eval(&mdl->valuation, a, NULL,
						      NULL);
		out->atoms[k] = (struct reward_atom){ value, weight[k] };
		out->mean_value += weight[k] * value;
		out->mean_accuracy += weight[k] *
			valuation_inverse(&mdl->valuation, value);
	}
	out->count = (size_t)count;
	free(support);
	free(weight);
	return 0;
}

int rewards_distribution(const struct model *mdl, const double *m,
			 const double *t, const double *tbar, int type,
			 struct reward_distribution *out)
{
	const struct outcome_set *set = &mdl->outcomes;
	double share = tbar[type] > 0.0 ? t[type] / tbar[type] : 0.0;
	double mass = set->present_mass[type];
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if (mdl->method == METHOD_APPROX) {
		if (lattice_rewards(mdl, m, share, type, out) != 0)
			return -1;
		n = out->count;
		goto merge; /* ascending already: v(a(S)) rises with S */
	}
	out->atoms = malloc(sizeof(*out->atoms) * (set->count ? set->count : 1));
	if (out->atoms == NULL)
		return -1;
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		if (row[type] == 0 || set->weight[r] == 0.0)
			continue;
		double value = share * moments_outcome_value(mdl, m, r);
		double prob = set->weight[r] / mass;
		out->atoms[n++] = (struct reward_atom){ value, prob };
		out->mean_value += prob * value;
		out->mean_accuracy +=
			prob * valuation_inverse(&mdl->valuation, value);
	}
	qsort(out->atoms, n, sizeof(*out->atoms), by_value);
merge:;
	/* Merge equal values: outcomes with the same S give the same reward. */
	size_t kept = 0;
	for (size_t k = 0; k < n; k++) {
		struct reward_atom *last = kept ? &out->atoms[kept - 1] : NULL;
		if (last != NULL && out->atoms[k].value - last->value <=
					    1e-12 * fabs(out->atoms[k].value))
			last->prob += out->atoms[k].prob;
		else
			out->atoms[kept++] = out->atoms[k];
	}
	out->count = kept;
	if (rewards_index(out) != 0) {
		rewards_free(out);
		return -1;
	}
	return 0;
}

int rewards_index(struct reward_distribution *dist)
{
	size_t n = dist->count;

	free(dist->cum_prob);
	free(dist->cum_mass);
	dist->cum_prob = malloc(sizeof(double) * (n + 1));
	dist->cum_mass = malloc(sizeof(double) * (n + 1));
	if (dist->cum_prob == NULL || dist->cum_mass == NULL) {
		free(dist->cum_prob);
		free(dist->cum_mass);
		dist->cum_prob = dist->cum_mass = NULL;
		return -1;
	}
	dist->cum_prob[0] = dist->cum_mass[0] = 0.0;
	for (size_t k = 0; k < n; k++) {
		dist->cum_prob[k + 1] = dist->cum_prob[k] + dist->atoms[k].prob;
		dist->cum_mass[k + 1] = dist->cum_mass[k] +
					dist->atoms[k].prob * dist->atoms[k].value;
	}
	return 0;
}

void rewards_mean_accuracy(const struct model *mdl, const double *m,
			   const double *t, const double *tbar, double *out)
{
	const struct outcome_set *set = &mdl->outcomes;
	double share[CML_MAX_TYPES];

	for (int i = 0; i < mdl->ntypes; i++) {
		share[i] = tbar[i] > 0.0 ? t[i] / tbar[i] : 0.0;
		out[i] = 0.0;
	}
	if (mdl->method == METHOD_APPROX) {
		for (int i = 0; i < mdl->ntypes; i++) {
			if (valuation_is_linear(&mdl->valuation)) {
				/* E_i[v^-1(share v(a))] = share E_i[a] = v^-1(t_i) */
				out[i] = valuation_inverse(&mdl->valuation, t[i]);
				continue;
			}
			struct reward_distribution d;
			if (rewards_distribution(mdl, m, t, tbar, i, &d) == 0)
				out[i] = d.mean_accuracy;
			rewards_free(&d);
		}
		return;
	}
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		double value = moments_outcome_value(mdl, m, r);
		for (int i = 0; i < mdl->ntypes; i++)
			if (row[i] > 0)
				out[i] += set->weight[r] *
					  valuation_inverse(&mdl->valuation,
							    share[i] * value);
	}
	for (int i = 0; i < mdl->ntypes; i++)
		out[i] /= set->present_mass[i];
}

void rewards_free(struct reward_distribution *dist)
{
	free(dist->atoms);
	free(dist->cum_prob);
	free(dist->cum_mass);
	memset(dist, 0, sizeof(*dist));
}

/* The bin of value on an axis from lo in steps of width (> 0). */
static int bin_of(double value, double lo, double width, int bins)
{
	double pos = floor((value - lo) / width);

	return pos < 0.0 ? 0 : pos >= bins ? bins - 1 : (int)pos;
}

int rewards_histogram(const struct reward_distribution *dist, double lo,
		      double hi, int bins, struct histogram *out)
{
	memset(out, 0, sizeof(*out));
	if (bins < 1)
		return -1;
	out->weight = calloc((size_t)bins, sizeof(double));
	out->mean = calloc((size_t)bins, sizeof(double));
	if (out->weight == NULL || out->mean == NULL) {
		rewards_histogram_free(out);
		return -1;
	}
	out->bins = bins;
	out->lo = lo;
	out->hi = hi;
	double width = hi > lo ? (hi - lo) / bins : 0.0;
	/*
	 * An atom's bin, floor((value - lo) / width) clamped, never falls as
	 * the value rises (each step is a correctly rounded, monotone
	 * operation), so the atoms of bin b are a run found by bisection.
	 */
	size_t start = 0;
	for (int b = 0; b < bins; b++) {
		size_t lo_k = start, hi_k = dist->count;
		if (b == bins - 1 || width == 0.0)
			lo_k = hi_k;
		while (lo_k < hi_k) {
			size_t mid = lo_k + (hi_k - lo_k) / 2;
			if (bin_of(dist->atoms[mid].value, lo, width, bins) > b)
				hi_k = mid;
			else
				lo_k = mid + 1;
		}
		out->weight[b] = dist->cum_prob[lo_k] - dist->cum_prob[start];
		double mass = dist->cum_mass[lo_k] - dist->cum_mass[start];
		/* A run's mean lies within its values, whatever the rounding. */
		if (out->weight[b] > 0.0 && lo_k > start)
			out->mean[b] = fmin(fmax(mass / out->weight[b],
						 dist->atoms[start].value),
					    dist->atoms[lo_k - 1].value);
		start = lo_k;
		if (width == 0.0)
			break;
	}
	return 0;
}

void rewards_histogram_free(struct histogram *h)
{
	free(h->weight);
	free(h->mean);
	memset(h, 0, sizeof(*h));
}
