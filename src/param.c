/*
 * param.c - descriptors of the scenario-level parameters and range checks.
 *
 * The ranges are the ones the engine solves reliably, found by solving
 * scenarios at their corners: cost [1e-6, 1e6] (any ratio between types),
 * prob [1e-9, 1].  See the families for a_opt, k and scale, and
 * tests/test-ranges.c for the corners that are checked.
 */
#include "param.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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
	.min = 1e-6,
	.max = 1e6,
	.min_open = false,
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
	.min = 1e-9,
	.max = 1,
	.min_open = false,
	.integer = false,
	.def = 0.2,
	.step = 0.01,
	.help = "Probability that a party is of this type; the probabilities "
		"sum to 1.",
};

const struct param_desc param_outside_profit = {
	.key = "profit",
	.label = "f",
	.unit = "value",
	.min = 0,
	.max = 1e6,
	.min_open = false,
	.integer = false,
	.def = 0,
	.step = 0.01,
	.help = "A fixed reservation profit: what a party of this type earns "
		"outside the consortium.",
};

/* A bound as %g writes it, without '+' and leading zeros in the exponent. */
static void format_bound(double v, char *buf, size_t size)
{
	char *e, *digits;

	snprintf(buf, size, "%g", v);
	e = strchr(buf, 'e');
	if (e == NULL)
		return;
	digits = e + 1;
	if (*digits == '-')
		digits++;
	char *from = digits;
	if (*from == '+')
		from++;
	while (from[0] == '0' && from[1] != '\0')
		from++;
	memmove(e + 1 + (*(e + 1) == '-'), from, strlen(from) + 1);
}

void param_range(const struct param_desc *d, char *buf, size_t size)
{
	char lo[32], hi[32];

	format_bound(d->min, lo, sizeof(lo));
	format_bound(d->max, hi, sizeof(hi));
	snprintf(buf, size, "%s%s, %s]", d->min_open ? "(" : "[", lo, hi);
}

void param_range_message(const struct param_desc *d, char *buf, size_t size)
{
	char range[80];

	param_range(d, range, sizeof(range));
	snprintf(buf, size, "%s must be %sin %s", d->key,
		 d->integer ? "a whole number " : "", range);
}

int param_check(const struct param_desc *d, double v, char *why, size_t size)
{
	if (!isfinite(v)) {
		snprintf(why, size, "%s must be a finite number", d->key);
		return -1;
	}
	if ((d->integer && v != floor(v)) || fpclassify(v) == FP_SUBNORMAL ||
	    (d->min_open ? !(v > d->min) : !(v >= d->min)) || !(v <= d->max)) {
		param_range_message(d, why, size);
		return -1;
	}
	return 0;
}
