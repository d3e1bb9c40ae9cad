/*
 * outcomes.c - exact enumeration of the multinomial outcomes.
 *
 * Weights are computed in log space and then renormalised so that they
 * sum to 1 to rounding at any N: at N = 10,000 the log-factorials alone
 * carry errors of ~1e-10 into every weight, which the objective saw as a
 * relative error of 3e-10.  Sums over many rows are compensated.
 */
#include "outcomes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

/* Counts are 16-bit and the presence mask has a bit per type. */
_Static_assert(CML_MAX_EXACT_PARTICIPANTS <= UINT16_MAX,
	       "outcome counts are uint16_t");
_Static_assert(CML_MAX_TYPES <= 64, "the presence mask is uint64_t");

/* A compensated (Neumaier) running sum: error ~ one rounding, not n. */
struct careful_sum {
	double sum, carry;
};

static void careful_add(struct careful_sum *s, double x)
{
	double t = s->sum + x;

	if (fabs(s->sum) >= fabs(x))
		s->carry += (s->sum - t) + x;
	else
		s->carry += (x - t) + s->sum;
	s->sum = t;
}

static double careful_total(const struct careful_sum *s)
{
	return s->sum + s->carry;
}

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
		uint64_t mask = 0;
		current[pos] = left;
		for (int i = 0; i < types; i++) {
			row[i] = (uint16_t)current[i];
			if (current[i] > 0)
				mask |= (uint64_t)1 << i;
		}
		set->present[set->count] = mask;
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
	if (participants > CML_MAX_EXACT_PARTICIPANTS) {
		cml_error_set(err, NULL, 0, 0, "N = %d is more than the %d "
			      "participants exact enumeration handles",
			      participants, CML_MAX_EXACT_PARTICIPANTS);
		return -1;
	}
	if (ntypes < 1 || ntypes > CML_MAX_TYPES || participants < 1 ||
	    count > CML_MAX_OUTCOMES) {
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
	/*
	 * ln k! as a compensated sum of logs: thread-safe (lgamma() is not)
	 * and off by only the logs' own roundings, where a plain running sum
	 * loses ~1e-10 by k = 10,000.
	 */
	struct careful_sum lf = { 0.0, 0.0 };
	set->log_factorial[0] = 0.0;
	for (int k = 1; k <= participants; k++) {
		careful_add(&lf, log((double)k));
		set->log_factorial[k] = careful_total(&lf);
	}
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

	struct careful_sum total = { 0.0, 0.0 }, mass[CML_MAX_TYPES];

	for (int i = 0; i < types; i++) {
		log_prob[i] = log(prob[i]);
		mass[i] = total;
	}
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		double log_w = log_factorial[set->participants];
		for (int i = 0; i < types; i++)
			if (row[i] > 0)
				log_w += row[i] * log_prob[i] -
					 log_factorial[row[i]];
		set->weight[r] = exp(log_w);
		careful_add(&total, set->weight[r]);
	}
	/*
	 * Renormalise: the rounding of the log terms is shared by the rows
	 * only in part, so the weights summed to 1 +- 1e-10 at large N.  The
	 * present masses are summed from the normalised weights, so that
	 * E_i's normaliser is consistent with them.
	 */
	double norm = careful_total(&total);
	for (size_t r = 0; r < set->count; r++) {
		const uint16_t *row = outcomes_row(set, r);
		set->weight[r] /= norm;
		for (int i = 0; i < types; i++)
			if (row[i] > 0)
				careful_add(&mass[i], set->weight[r]);
	}
	for (int i = 0; i < types; i++)
		set->present_mass[i] = careful_total(&mass[i]);
}

void outcomes_free(struct outcome_set *set)
{
	free(set->counts);
	free(set->weight);
	free(set->log_factorial);
	free(set->present);
	memset(set, 0, sizeof(*set));
}
