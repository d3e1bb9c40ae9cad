/*
 * figure-sweep.h - a finished sweep as heat maps, one panel a quantity.
 *
 * Each panel shows one quantity (sweep-quantity.h) over the grid, cells
 * centred on the axis values, with its own colour bar: a sequential ramp
 * for most, a diverging one centred on 0 for the information cost (the
 * explorer's map scale, view-scale.h), categories for pooling.  With
 * figure2 and the default quantities this is the paper's Figure 2.  Pure.
 */
#ifndef CML_FIGURE_SWEEP_H
#define CML_FIGURE_SWEEP_H

#include "figure.h"
#include "scenario.h"
#include "sweep-quantity.h"
#include "sweep.h"

#define FIGURE_SWEEP_MAX_PANELS 8

struct figure_sweep_input {
	const struct scenario *scenario;
	const char *title;
	const struct sweep *sweep;             /* finished */
	const struct sweep_quantity *quantity; /* count of them */
	int count;                             /* 1..FIGURE_SWEEP_MAX_PANELS */
};

/* Appends the figure to f.  Returns 0, or -1 if memory ran out. */
int figure_sweep(struct figure *f, const struct figure_sweep_input *in);

/*
 * The colour of a value on a panel's scale [lo, hi]: the sequential ramp
 * (u = 0..1) or, when diverging, blue below 0, white at 0, vermillion
 * above, by v / half.  Exposed for tests.
 */
struct fig_rgb figure_sweep_ramp(double u);
struct fig_rgb figure_sweep_diverging(double v, double half);

#endif
