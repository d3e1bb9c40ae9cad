/*
 * rewards.h - the model each type actually receives (Prop. 5).
 *
 * Under proportional assignment a type-i party in outcome n receives a
 * model of accuracy r_i(n) = v^-1((t_i / tbar_i) v(a(S(n)))).  Over the
 * outcomes with n_i >= 1 (conditional weights) the values v(r_i) form the
 * type's reward distribution, whose mean is exactly t_i.  The explorer
 * draws these as histograms.
 */
#ifndef CML_REWARDS_H
#define CML_REWARDS_H

#include <stddef.h>

#include "model.h"

struct reward_atom {
	double value; /* v(r_i(n)) */
	double prob;  /* conditional probability given n_i >= 1 */
};

struct reward_distribution {
	size_t count;              /* distinct values, ascending */
	struct reward_atom *atoms; /* owned; free with rewards_free() */
	/* Running sums over atoms[0..k-1] of prob and prob * value (count + 1
	   entries), so that a histogram costs a search per bin: */
	double *cum_prob, *cum_mass;
	double mean_value;         /* E_i[v(r_i)] = t_i */
	double mean_accuracy;      /* E_i[r_i], the reward in accuracy terms */
};

/*
 * The reward distribution of type i for contract (m, t) with budgets tbar.
 * Equal values (within 1e-12 relative) are merged.  Returns 0, or -1 when
 * memory runs out.
 */
int rewards_distribution(const struct model *mdl, const double *m,
			 const double *t, const double *tbar, int type,
			 struct reward_distribution *out);

void rewards_free(struct reward_distribution *dist);

/*
 * Fills the running sums of a distribution whose atoms are set (ascending
 * values); rewards_distribution() does it.  Returns 0, or -1 when memory
 * runs out.
 */
int rewards_index(struct reward_distribution *dist);

/*
 * E_i[r_i] for every type in one pass, without building distributions
 * (for reports; equals each distribution's mean_accuracy).
 */
void rewards_mean_accuracy(const struct model *mdl, const double *m,
			   const double *t, const double *tbar, double *out);

struct histogram {
	int bins;
	double lo, hi;      /* value axis: bin b covers [lo + b w, lo + (b+1) w) */
	double *weight;     /* bins entries: probability in the bin */
	double *mean;       /* bins entries: mean value inside the bin (0 if empty) */
};

/*
 * Bins a distribution on [lo, hi] (values outside are clamped into the
 * end bins), in O(bins log count).  sum_b weight[b] * mean[b] equals the distribution's mean,
 * so a histogram keeps t_i exactly.  If hi <= lo, one bin holds all.
 * Returns 0, or -1 when memory runs out or bins < 1.
 */
int rewards_histogram(const struct reward_distribution *dist, double lo,
		      double hi, int bins, struct histogram *out);

void rewards_histogram_free(struct histogram *h);

#endif
