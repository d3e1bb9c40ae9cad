/*
 * view-hist.h - reward histograms binned to character cells.
 *
 * One histogram per type, side by side on a common vertical value axis:
 * each row is a value bin (top row = highest values), each type's column
 * holds a horizontal bar whose length, in eighths of a cell, is the bin's
 * probability relative to that type's largest bin.  The row holding t_i
 * (the distribution's mean) is marked.  The number of rows is whatever
 * the screen offers, so the resolution follows the space available.
 * Pure arithmetic: tested without a terminal.
 */
#ifndef CML_VIEW_HIST_H
#define CML_VIEW_HIST_H

#include "rewards.h"
#include "sizes.h"

#define HIST_MAX_ROWS 256
#define HIST_MAX_TICKS 16

struct hist_view {
	int rows;                 /* value bins */
	int ntypes;
	int width;                /* cells per type column */
	double lo, hi;            /* the axis: row r covers
				     [hi - (r+1) step, hi - r step) */
	double step;              /* value per row */
	int eighths[CML_MAX_TYPES][HIST_MAX_ROWS]; /* bar lengths */
	double weight[CML_MAX_TYPES][HIST_MAX_ROWS]; /* probability per row */
	int mark_row[CML_MAX_TYPES];   /* the row holding t_i */
	int nticks;
	int tick_row[HIST_MAX_TICKS];
	double tick_value[HIST_MAX_TICKS];
	int tick_decimals;        /* enough to tell neighbouring ticks apart */
};

/*
 * Bins ntypes distributions (with their means t_i) into rows x width
 * cells.  The axis spans every type's support, widened to round numbers.
 * Returns 0, or -1 if rows or width are out of range or memory runs out.
 */
int hist_view_build(const struct reward_distribution *dists,
		    const double *means, int ntypes, int rows, int width,
		    struct hist_view *out);

/* The row holding value v (clamped to the axis). */
int hist_view_row(const struct hist_view *h, double v);

#endif
