/*
 * figure-screening.h - the screening diagram as a figure.
 *
 * The explorer's view g on a page: the same geometry (screening.h's
 * screening_build: lines, points, curve, ranges, and screening_ticks),
 * drawn as vectors rather than Braille dots.  Pure.
 */
#ifndef CML_FIGURE_SCREENING_H
#define CML_FIGURE_SCREENING_H

#include "figure.h"
#include "screening.h"

/* Samples of the value curve across the plot. */
#define FIGURE_CURVE_SAMPLES 240

/*
 * Appends the diagram of s over range r (s->all or s->options) to f.
 * Returns 0, or -1 if the range is empty or memory ran out.
 */
int figure_screening(struct figure *f, const struct screening *s,
		     const struct screening_range *r, const char *title);

#endif
