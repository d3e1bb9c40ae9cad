/*
 * scenario.h - a contract-design scenario: what a user edits and saves.
 *
 * A scenario is plain data with fixed-size arrays, so copying it (undo
 * history, warm starts, sweeps) is a struct assignment.  Types are kept
 * sorted by cost, highest first (type 1 is the most expensive contributor),
 * which is the order the model and every report use.
 */
#ifndef CML_SCENARIO_H
#define CML_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

#include "accuracy.h"
#include "error.h"
#include "sizes.h"
#include "valuation.h"

/*
 * How the expectations are computed (issue 9): exact enumeration of every
 * outcome, the lattice method (lattice.h) with a bound on its error, or
 * auto: exact while the outcome count is small, the lattice beyond.
 */
enum expectation_method {
	METHOD_AUTO,
	METHOD_EXACT,
	METHOD_APPROX,
};

/* "auto", "exact", "approx". */
const char *expectation_method_name(enum expectation_method method);

/* Parses a method name; returns 0, or -1 if name is none of them. */
int expectation_method_parse(const char *name, enum expectation_method *out);

/*
 * Where a type's reservation level comes from (the paper's open question
 * 1): the common technology (the default: the scenario's accuracy), a
 * technology of its own (its accuracy family, valued with the common
 * valuation), or a fixed reservation profit.
 */
enum outside_kind { OUTSIDE_COMMON, OUTSIDE_TECHNOLOGY, OUTSIDE_PROFIT };

struct outside_option {
	enum outside_kind kind;
	struct accuracy accuracy; /* OUTSIDE_TECHNOLOGY: its own a(m) */
	double profit;            /* OUTSIDE_PROFIT: f_i itself */
};

struct type_spec {
	char name[CML_NAME_MAX]; /* display name, e.g. "Type 1" or "hospital" */
	double cost;             /* private cost per unit of data, > 0 */
	double prob;             /* probability of the type, > 0 */
	struct outside_option outside; /* zeroed: the common technology */
};

struct scenario {
	char name[CML_NAME_MAX];
	char description[CML_DESCRIPTION_MAX]; /* the "what to notice" text */
	int participants;                       /* N >= 1 */
	enum expectation_method method;         /* YAML "method:", auto */
	struct accuracy accuracy;
	struct valuation valuation;
	int ntypes;                             /* 1..CML_MAX_TYPES */
	struct type_spec types[CML_MAX_TYPES];  /* cost order, highest first */
	/*
	 * Default sweep axes, "PARAM=FROM:TO:STEPS" (sweep-axis.h), as
	 * written in the file's "sweep:" section; "" when absent.  y is
	 * only set together with x.
	 */
	char sweep_x[64];
	char sweep_y[64];
};

/* What scenario_validate() found wrong, so a loader can point at it. */
enum scenario_field {
	SCENARIO_FIELD_NONE,
	SCENARIO_FIELD_PARTICIPANTS,
	SCENARIO_FIELD_ACCURACY,   /* a family parameter; see param_index */
	SCENARIO_FIELD_VALUATION,  /* a family parameter; see param_index */
	SCENARIO_FIELD_TYPES,      /* the list as a whole (count, sum, size) */
	SCENARIO_FIELD_TYPE_COST,  /* types[type_index].cost */
	SCENARIO_FIELD_TYPE_PROB,  /* types[type_index].prob */
	SCENARIO_FIELD_TYPE_OUTSIDE, /* types[type_index].outside; for its
					technology param_index as above */
	SCENARIO_FIELD_METHOD,     /* the method, for this valuation */
};

struct scenario_problem {
	enum scenario_field field;
	int type_index;  /* for TYPE_* fields, index into types[] */
	int param_index; /* for ACCURACY/VALUATION, index into family params */
	char msg[256];   /* what is wrong, one sentence */
};

/* True if two outside options are the same (kind, family, values). */
bool outside_equal(const struct outside_option *a,
		   const struct outside_option *b);

/* True if some type has an outside option of its own. */
bool scenario_has_outside(const struct scenario *sc);

/* Tolerance on |sum of probabilities - 1|. */
#define SCENARIO_PROB_SUM_TOL 1e-9

/*
 * Sets every field to its default (name "untitled", N from its descriptor,
 * the default accuracy and valuation families) and no types: add types
 * before validating.
 */
void scenario_init(struct scenario *sc);

/*
 * Checks everything: ranges of every number, N, 1 <= ntypes <= max,
 * probabilities summing to 1 within SCENARIO_PROB_SUM_TOL, distinct costs,
 * and the outcome count within CML_MAX_OUTCOMES.  Does not require the
 * types to be sorted (scenario_sort_types() does that).  Returns 0 when
 * valid, else -1 with *problem filled (problem may be NULL).
 */
int scenario_validate(const struct scenario *sc,
		      struct scenario_problem *problem);

/*
 * Sorts types by cost, highest first (stable for equal costs, which
 * validation rejects anyway).  If order is not NULL, order[k] receives the
 * input position of the type now at k.  Returns true if the order changed.
 */
bool scenario_sort_types(struct scenario *sc, int order[CML_MAX_TYPES]);

/*
 * Exact number of multinomial outcomes C(N+I-1, I-1), saturating at
 * SIZE_MAX.
 */
size_t scenario_outcome_count(int participants, int ntypes);

/* True if the two scenarios hold the same numbers, names and text. */
bool scenario_equal(const struct scenario *a, const struct scenario *b);

#endif
