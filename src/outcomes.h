/*
 * outcomes.h - the outcome set: a weighted list of type-count vectors.
 *
 * Every expectation in the engine is a weighted sum over this list, so the
 * exact enumeration of Multinomial(N, p) can later be replaced by a sampled
 * set for very large problems without touching the callers.
 */
#ifndef CML_OUTCOMES_H
#define CML_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "sizes.h"

struct outcome_set {
	int ntypes;       /* I */
	int participants; /* N: every row sums to it */
	size_t count;     /* number of rows */
	uint16_t *counts; /* count rows of ntypes entries: n = (n_1..n_I) */
	double *weight;   /* probability of each row */
	double *log_factorial; /* ln k! for k = 0..N, for reweighting */
	uint64_t *present;     /* per row: bit i set iff n_i >= 1 (I <= 64) */
	/* Sum of the weights of rows with n_i >= 1: the normaliser of E_i. */
	double present_mass[CML_MAX_TYPES];
	bool exact;       /* true: all C(N+I-1, I-1) outcomes, exact weights */
};

/*
 * Enumerates every outcome of Multinomial(participants, prob) with its
 * probability (computed in log space).  The set must be zeroed or freed
 * before.  Returns 0, or -1 with err filled (too many outcomes, no memory).
 */
int outcomes_enumerate(struct outcome_set *set, int participants, int ntypes,
		       const double *prob, struct cml_error *err);

/* Recomputes the weights for new type probabilities (same N and I). */
void outcomes_reweight(struct outcome_set *set, const double *prob);

/* Releases the arrays and zeroes the set. */
void outcomes_free(struct outcome_set *set);

/* Row r of the set. */
static inline const uint16_t *outcomes_row(const struct outcome_set *set,
					   size_t r)
{
	return set->counts + r * (size_t)set->ntypes;
}

#endif
