/*
 * scenario-edit.h - the edits a user makes, as operations on a scenario.
 *
 * Each edit works on a copy and hands back a valid scenario or a reason,
 * so an invalid value never reaches the solver and the caller keeps its
 * last good state.  Editing a probability rescales the others in
 * proportion so they still sum to 1; editing a cost re-sorts the types
 * (highest cost first) and says where the edited type went.
 */
#ifndef CML_SCENARIO_EDIT_H
#define CML_SCENARIO_EDIT_H

#include <stddef.h>

#include "scenario.h"

/* What can be edited: the global parameters and each type's fields. */
enum edit_field {
	EDIT_PARTICIPANTS,
	EDIT_ACCURACY,   /* param: index into the accuracy family's params */
	EDIT_VALUATION,  /* param: index into the valuation family's params */
	EDIT_NAME,       /* type: which type */
	EDIT_COST,
	EDIT_PROB,
};

struct edit_target {
	enum edit_field field;
	int index;  /* the type (NAME, COST, PROB) or family parameter */
};

/*
 * Switches the accuracy (valuation false) or valuation family to the
 * index-th of accuracy_families[] (valuation_families[]): each parameter
 * the new family shares by key with the old keeps its value where it is
 * in range, the others take their defaults.  Returns 0 with out (a copy
 * of sc), or -1 with a reason.
 */
int edit_set_family(const struct scenario *sc, bool valuation, int index,
		    struct scenario *out, char *why, size_t size);

/*
 * A type's outside option as one line of text, for the explorer's
 * prompt: "common", "profit 40", or a family with its parameters,
 * "sgb a_opt=0.8 k=1" (parameters left out: the family's defaults).
 * edit_outside_text() writes it; edit_set_outside() reads it into a copy
 * of sc (out).  Returns 0, or -1 with a reason naming the bad word.
 */
void edit_outside_text(const struct outside_option *o, char *buf,
		       size_t size);
int edit_set_outside(const struct scenario *sc, int type, const char *text,
		     struct scenario *out, char *why, size_t size);

/* The descriptor of a numeric target (range, step, help). */
const struct param_desc *edit_param(const struct scenario *sc,
				    struct edit_target target);

/* The current value of a numeric target. */
double edit_get(const struct scenario *sc, struct edit_target target);

/*
 * Sets a numeric target to value in out (a copy of sc).  *moved receives
 * the edited type's index after re-sorting (may be NULL).  Returns 0, or
 * -1 with a one-line reason in why (out is then unspecified).
 */
int edit_set(const struct scenario *sc, struct edit_target target,
	     double value, struct scenario *out, int *moved, char *why,
	     size_t size);

/* Parses text as a number for target (C locale) and sets it. */
int edit_set_text(const struct scenario *sc, struct edit_target target,
		  const char *text, struct scenario *out, int *moved,
		  char *why, size_t size);

/*
 * Nudges a numeric target by steps (positive or negative).  Reals are
 * multiplied (up) or divided (down) by 1 + |steps|/100 and rounded to 6
 * significant digits, whole numbers move by one (|steps| < 10) or by
 * |steps| percent, at least one; a nudge down undoes a nudge up exactly,
 * so + then - (and > then <) gives the old value back.
 */
int edit_nudge(const struct scenario *sc, struct edit_target target,
	       int steps, struct scenario *out, int *moved, char *why,
	       size_t size);

/* The method after from in the cycle auto, exact, approx, auto. */
enum expectation_method edit_next_method(enum expectation_method from);

/*
 * Sets how the expectations are computed.  Refused (-1, why) when the
 * scenario cannot use the method: exact beyond its outcome limit.
 */
int edit_set_method(const struct scenario *sc, enum expectation_method method,
		    struct scenario *out, char *why, size_t size);

/* Renames a type (1 to CML_NAME_MAX - 1 bytes, no control characters). */
int edit_rename(const struct scenario *sc, int type, const char *name,
		struct scenario *out, char *why, size_t size);

/*
 * Adds a type just cheaper than type `after` (or half the cheapest cost
 * at the end), with probability 1/(I+1), the others scaled to make room.
 * *added receives its index.
 */
int edit_add_type(const struct scenario *sc, int after, struct scenario *out,
		  int *added, char *why, size_t size);

/* Deletes a type; the others' probabilities are scaled up to sum to 1. */
int edit_delete_type(const struct scenario *sc, int type,
		     struct scenario *out, char *why, size_t size);

#endif
