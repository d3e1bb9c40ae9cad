/*
 * sweep-axis.h - one axis of a parameter sweep: "p.1=0.01:0.99:30".
 *
 * An axis names one scenario parameter and an evenly spaced list of
 * values for it.  This module parses and prints axes and applies one
 * value to a scenario; it knows nothing of solving, so the scenario
 * loader (which validates the optional "sweep:" section) can use it
 * without linking the solver.  sweep.h runs grids of axes.
 *
 *   PARAM=FROM:TO:STEPS
 *
 * PARAM is N, p.J, c.J (J = 1..I, the type's place in cost order, highest
 * cost first), outside.J.profit (type J's fixed outside profit, which
 * replaces any outside option it had), or a parameter of the scenario's accuracy or valuation
 * family by its key (a_opt, k, scale for sgb and linear; b, alpha for
 * power; m0 for exp).  A key both families had would mean the accuracy
 * one.  STEPS >= 1 values run from FROM to TO
 * inclusive; N is rounded to whole numbers.  Setting p.J rescales the
 * other types' probabilities so they still sum to 1.
 *
 * All functions are reentrant and independent of the process locale.
 */
#ifndef CML_SWEEP_AXIS_H
#define CML_SWEEP_AXIS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "scenario.h"

/* Most values on one axis. */
#define SWEEP_MAX_STEPS 1000
/*
 * Most points in one sweep (each holds a struct contract of ~2 KB); here
 * so that the scenario loader can refuse a grid at its place in a file.
 */
#define SWEEP_MAX_POINTS 40000
/* Longest axis text sweep_axis_format() writes, with its NUL. */
#define SWEEP_AXIS_TEXT_MAX 64
/* Longest label ("p.12", "a_opt"), with its NUL. */
#define SWEEP_LABEL_MAX 24

enum sweep_param {
	SWEEP_N,     /* participants */
	SWEEP_PROB,  /* probability of one type */
	SWEEP_COST,  /* cost of one type */
	SWEEP_OUTSIDE_PROFIT, /* a fixed outside profit of one type */
	SWEEP_ACCURACY,  /* a parameter of the accuracy family, by key */
	SWEEP_VALUATION, /* a parameter of the valuation family, by key */
};

struct sweep_axis {
	enum sweep_param param;
	int type;          /* 0-based type for SWEEP_PROB/SWEEP_COST, else -1 */
	/* The family parameter's key for SWEEP_ACCURACY/VALUATION, else "". */
	char key[SWEEP_LABEL_MAX];
	double from, to;   /* first and last value (either order) */
	int steps;         /* 1..SWEEP_MAX_STEPS values */
};

/*
 * Parses text ("p.1=0.01:0.99:30") against sc: the parameter must exist
 * in sc (type index in range, a family key in sc's families), FROM and TO
 * must be finite decimal numbers inside the parameter's closed range
 * (values on an open bound, such as p.1 = 0, are accepted here and come
 * out as invalid grid points), STEPS a whole number 1..SWEEP_MAX_STEPS
 * (1 only with FROM = TO), and N's rounded values must all differ.
 * Returns 0 with *axis filled, or -1 with err->msg saying what is wrong
 * (origin and position left empty for the caller to fill) and *axis
 * untouched.
 */
int sweep_axis_parse(const char *text, const struct scenario *sc,
		     struct sweep_axis *axis, struct cml_error *err);

/*
 * The names PARAM may take in sc, for messages: "N, p.J, c.J,
 * outside.J.profit, a_opt, k or scale" for the default families, the
 * families' own keys for others.
 */
void sweep_axis_names(const struct scenario *sc, char *buf, size_t size);

/* Writes the axis as text that sweep_axis_parse() reads back exactly. */
void sweep_axis_format(const struct sweep_axis *axis, char *buf,
		       size_t size);

/* Writes the parameter's name as used in PARAM and in table headers. */
void sweep_axis_label(const struct sweep_axis *axis, char *buf, size_t size);

/*
 * The index-th value (0 <= index < steps): FROM + (TO - FROM) index /
 * (STEPS - 1) to 15 significant digits, exactly FROM and TO at the ends,
 * rounded to a whole number for N.
 */
double sweep_axis_value(const struct sweep_axis *axis, int index);

/* True if two axes set the same number (or, for p.J, interfere). */
bool sweep_axis_conflict(const struct sweep_axis *a,
			 const struct sweep_axis *b);

/*
 * Sets axis's parameter of *sc to value: N rounded, the other types'
 * probabilities rescaled for p.J, a family's derived constants updated.
 * Returns 0 when the edited scenario is valid (scenario_validate() == 0,
 * types still in cost order), or -1 with a one-line reason in err->msg
 * ("c.2 = 0.02 reaches type 1's cost; ..."), leaving *sc unchanged.
 */
int sweep_apply(struct scenario *sc, const struct sweep_axis *axis,
		double value, struct cml_error *err);

#endif
