/*
 * sweep-report.h - a finished sweep as CSV or JSON.
 *
 * CSV: a header, then one row per grid point (row-major: x varies
 * fastest): the axis values under their labels (e.g. "p.1", "N"), status,
 * groups, expected_model_value, complete_expected_model_value,
 * information_cost, per type J m.J, t.J, u.J, rent.J, then solver_result,
 * evaluations, exact, method, expectation_error, pooling_within_error and
 * reason.  Invalid points leave the numbers empty.
 *
 * JSON (schema SWEEP_JSON_SCHEMA): scenario, the axes with their values,
 * and one object per point.  Both are documented in README.md and
 * cmlcontract(1); fields may be added, none removed or changed in meaning
 * without a new schema name.
 */
#ifndef CML_SWEEP_REPORT_H
#define CML_SWEEP_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "scenario.h"
#include "sweep.h"

#define SWEEP_JSON_SCHEMA "cmlcontract.sweep/1"

enum sweep_format {
	SWEEP_FORMAT_CSV,
	SWEEP_FORMAT_JSON,
};

struct sweep_report_input {
	const struct scenario *scenario; /* the base scenario */
	const char *source;              /* a path or "preset:NAME" */
	bool sorted;                     /* types were reordered on load */
	const struct sweep *sweep;       /* finished (or partly done) */
};

/* Parses "csv" or "json"; returns -1 if unknown. */
int sweep_format_parse(const char *name, enum sweep_format *format);


/* Points not done yet are written like invalid ones, reason "not done". */
void sweep_report_csv(FILE *out, const struct sweep_report_input *in);
void sweep_report_json(FILE *out, const struct sweep_report_input *in);
void sweep_report_write(FILE *out, enum sweep_format format,
			const struct sweep_report_input *in);

#endif
