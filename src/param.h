/*
 * param.h - every editable number described once.
 *
 * The explorer's editor, the validators, the YAML loader, the sweep's
 * PARAM names and --help all read these descriptors, so a range or a help
 * sentence is written in exactly one place.
 */
#ifndef CML_PARAM_H
#define CML_PARAM_H

#include <stdbool.h>
#include <stddef.h>

struct param_desc {
	const char *key;   /* YAML key and sweep name, e.g. "a_opt" */
	const char *label; /* short label for tables, e.g. "a_opt" */
	const char *unit;  /* unit in words, "" if none */
	double min;        /* smallest allowed value (see min_open) */
	double max;        /* largest allowed value */
	bool min_open;     /* true: min itself is not allowed */
	bool integer;      /* true: only whole numbers */
	double def;        /* default value */
	double step;       /* nudge: relative for reals, absolute for integers */
	const char *help;  /* one sentence for help screens and the man page */
};

/* Scenario-level parameters (family parameters live with their family). */
extern const struct param_desc param_participants;
extern const struct param_desc param_cost;
extern const struct param_desc param_prob;
extern const struct param_desc param_outside_profit;

/*
 * The supported range of d as text, "[1e-6, 1e6]" ("(0, 1]" if min_open):
 * the range inside which the engine solves reliably (the corners are
 * tested in tests/test-ranges.c).
 */
void param_range(const struct param_desc *d, char *buf, size_t size);

/*
 * The one wording of a value outside d's range, "cost must be in
 * [1e-6, 1e6]" ("N must be a whole number in [1, 10000]"), used by the
 * validator, the YAML loader, the editor and sweep axes alike.
 */
void param_range_message(const struct param_desc *d, char *buf, size_t size);

/*
 * Checks v against d's range.  Returns 0 when valid; otherwise writes a
 * reason into why ("cost must be a finite number", or the range message
 * above for anything outside the range, subnormal numbers included) and
 * returns -1.
 */
int param_check(const struct param_desc *d, double v, char *why, size_t size);

#endif
