/*
 * report.h - a solved contract as text, JSON or CSV.
 *
 * The same numbers in three shapes: aligned tables a person reads in a
 * lecture, a JSON document with a stable schema (documented in README.md
 * and cmlcontract(1)), and CSV with one row per type.  Reports write to a
 * FILE, so the explorer can export through open_memstream().
 */
#ifndef CML_REPORT_H
#define CML_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "contract.h"
#include "model.h"
#include "scenario.h"

/* Bumped when a field changes meaning or disappears (adding is fine). */
#define REPORT_JSON_SCHEMA "cmlcontract.solve/1"

enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_CSV,
};

struct report_input {
	const struct scenario *scenario;
	const char *source;    /* where it came from: a path, "preset:NAME" */
	bool sorted;           /* types were reordered by cost on load */
	const struct model *model;
	const struct contract *contract;
};

/* Parses "text", "json" or "csv"; returns -1 if unknown. */
int report_format_parse(const char *name, enum report_format *format);

void report_write(FILE *out, enum report_format format,
		  const struct report_input *in);

void report_text(FILE *out, const struct report_input *in);
void report_json(FILE *out, const struct report_input *in);
/* One row per type, with a header line first. */
void report_csv(FILE *out, const struct report_input *in);

/* The solver line, e.g. "LD_SLSQP, 26 evaluations, XTOL_REACHED, 1.0 ms". */
void report_solver_summary(const struct contract *c, char *buf, size_t size);

/*
 * What the global phase established: "global optimum certified (...)",
 * or that the contract is only locally optimal, with the bound.
 */
void report_global_summary(const struct contract *c, char *buf, size_t size);

#endif
