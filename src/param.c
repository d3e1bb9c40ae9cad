/*
 * param.c - descriptors of the scenario-level parameters and range checks.
 */
#include "param.h"

#include <math.h>
#include <stdio.h>

#include "sizes.h"

const struct param_desc param_participants = {
	.key = "participants",
	.label = "N",
	.unit = "parties",
	.min = 1,
	.max = CML_MAX_PARTICIPANTS,
	.min_open = false,
	.integer = true,
	.def = 10,
	.step = 1,
	.help = "Number of parties in the collaboration; the coordinator knows "
		"N but not how many of each type.",
};

const struct param_desc param_cost = {
	.key = "cost",
	.label = "cost",
	.unit = "value per unit of data",
	.min = 0,
	.max = 1e9,
	.min_open = true,
	.integer = false,
	.def = 0.01,
	.step = 0.01,
	.help = "Private cost per unit of data contributed by a party of this "
		"type; costs must differ between types.",
};

const struct param_desc param_prob = {
	.key = "prob",
	.label = "prob",
	.unit = "",
	.min = 0,
	.max = 1,
	.min_open = true,
	.integer = false,
	.def = 0.2,
	.step = 0.01,
	.help = "Probability that a party is of this type; the probabilities "
		"sum to 1.",
};

int param_check(const struct param_desc *d, double v, char *why, size_t size)
{
	if (!isfinite(v)) {
		snprintf(why, size, "%s must be a finite number", d->key);
		return -1;
	}
	if (d->integer && v != floor(v)) {
		snprintf(why, size, "%s must be a whole number", d->key);
		return -1;
	}
	if (d->min_open ? !(v > d->min) : !(v >= d->min)) {
		snprintf(why, size, "%s must be %s %g", d->key,
			 d->min_open ? "greater than" : "at least", d->min);
		return -1;
	}
	if (!(v <= d->max)) {
		snprintf(why, size, "%s must be at most %g", d->key, d->max);
		return -1;
	}
	return 0;
}
