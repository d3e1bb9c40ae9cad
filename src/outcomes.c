/*
 * outcomes.c - exact enumeration of the multinomial outcomes.
 */
#include "outcomes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

/*
 * Appends every composition of left into the parts pos..I-1, after the
 * fixed prefix current[0..pos-1], in lexicographic order.
 */
static void enumerate_rows(struct outcome_set *set, int *current, int pos,
			   int left)
{
	int types = set->ntypes;

	if (pos == types - 1) {
		uint16_t *row = set->counts + set->count * (size_t)types;
		unsigned mask = 0;
		current[pos] = left;
		for (int i = 0; i < types; i++) {
			row[i] = (uint16_t)current[i];
			if (current[i] > 0)
				mask |= 1u << i;
		}
		set->present[set->count] = (uint16_t)mask;
		set->count++;
		return;
	}
	for (int k = 0; k <= left; k++) {
		current[pos] = k;
		enumerate_rows(set, current, pos + 1, left - k);
	}
}

int outcomes_enumerate(struct outcome_set *set, int participants, int ntypes,
		       const double *prob, struct cml_error *err)
{
	size_t count = scenario_outcome_count(participants, ntypes);

	memset(set, 0, sizeof(*set));
	if (ntypes < 1 || ntypes > CML_MAX_TYPES || participants < 1 ||
	    participants > UINT16_MAX || count > CML_MAX_OUTCOMES) {
		cml_error_set(err, NULL, 0, 0, "N = %d with %d types is beyond "
			      "the %d outcomes the engine enumerates",
			      participants, ntypes, CML_MAX_OUTCOMES);
		return -1;
	}
	set->counts = malloc(count * (size_t)ntypes * sizeof(*set->counts));
	set->weight = malloc(count * sizeof(*set->weight));
	set->log_factorial = malloc(((size_t)participants + 1) * sizeof(double));
	set->present = malloc(count * sizeof(*set->present));
	if (set->counts == NULL || set->weight == NULL ||
	    set->log_factorial == NULL || set->present == NULL) {
		outcomes_free(set);
		cml_error_set(err, NULL, 0, 0, "out of memory for %zu outcomes",
			      count);
		return -1;
	}
	set->ntypes = ntypes;
	set->participants = participants;
	/* Sums of logs rather than lgamma(): exact enough and thread-safe. */
	set->log_factorial[0] = 0.0;
	for (int k = 1; k <= participants; k++)
		set->log_factorial[k] = set->log_factorial[k - 1] + log((double)k);
	int current[CML_MAX_TYPES];
	enumerate_rows(set, current, 0, participants);
	set->exact = true;
	outcomes_reweight(set, prob);
	return 0;
}

void outcomes_reweight(struct outcome_set *set, const double *prob)
{
	const double *log_factorial = set->log_factorial;
	int types = set->ntypes;
	double log_prob[CML_MAX_TYPES];

	for (int i = 0; i < types; i++) {
		log_prob[i] = log(prob[i]);
		set->present_mass[i] = 0.0;
	}
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		double log_w = log_factorial[set->participants];
		for (int i = 0; i < types; i++)
			if (row[i] > 0)
				log_w += row[i] * log_prob[i] -
					 log_factorial[row[i]];
		set->weight[r] = exp(log_w);
		for (int i = 0; i < types; i++)
			if (row[i] > 0)
				set->present_mass[i] += set->weight[r];
	}
}

void outcomes_free(struct outcome_set *set)
{
	free(set->counts);
	free(set->weight);
	free(set->log_factorial);
	free(set->present);
	memset(set, 0, sizeof(*set));
}
