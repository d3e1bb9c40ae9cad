/*
 * screening.h - the screening diagram: the contract in the (m, value)
 * plane, as contract theory draws it.
 *
 * The horizontal axis is data m, the vertical one model value t.  On it:
 * the stand-alone value curve v(a(m)); for each type i its reservation
 * line t - c_i m = f_i (where it is no better off than alone) and its
 * indifference line t - c_i m = u_i through its own option (every point
 * it likes exactly as much as its option); the options (m_i, t_i), one
 * point per pooling group; the reservation points (m~_i, v(a(m~_i))) of
 * the types that train alone; and the budget ceiling t = tbar_I.  The
 * paper's scenario 1 reads off it: type 5's option lies left of its
 * reservation point because type 5's indifference line runs through the
 * pooled option of types 1-4 (asking type 5 for more would make it take
 * that option) while its reward is already at the ceiling.
 *
 * Two layers, both pure (no curses), so any renderer shares them:
 *   - the geometry (struct screening, screening_build): lines, points,
 *     the curve as a function, and two axis ranges with their ticks;
 *     the terminal view draws it, and a vector renderer (a PDF or SVG
 *     figure) can read the same record;
 *   - a raster (struct screening_raster): the geometry in a grid of
 *     character cells, Braille (2x4 dots a cell) or ASCII, each cell
 *     recording what passes through it, so the terminal colours it and
 *     the tests check where every line and point lands.
 */
#ifndef CML_SCREENING_H
#define CML_SCREENING_H

#include <stdbool.h>
#include <stdint.h>

#include "accuracy.h"
#include "sizes.h"
#include "valuation.h"
#include "view-scale.h"

struct contract;
struct model;

/* Room for an option's label ("1-64", "63,64"; any two ints fit). */
#define SCREENING_LABEL_MAX 24

/* A straight line t = intercept + slope m in the (m, value) plane. */
struct screening_line {
	double intercept; /* value at m = 0: f_i or u_i */
	double slope;     /* value per unit of data: the type's cost c_i */
};

/* One point of the menu; pooled types share it. */
struct screening_option {
	double m, t;                     /* contribution and reward */
	int first, count;                /* 0-based first type, how many */
	char label[SCREENING_LABEL_MAX]; /* 1-based: "5", "4,5", "1-4" */
};

/* A window on the plane. */
struct screening_range {
	double m_lo, m_hi; /* the data axis */
	double t_lo, t_hi; /* the value axis */
};

struct screening {
	int ntypes;
	/* The stand-alone curve v(a(m)) is evaluated from these. */
	struct accuracy accuracy;
	struct valuation valuation;
	double cost[CML_MAX_TYPES];
	struct screening_line reservation[CML_MAX_TYPES];  /* t - c_i m = f_i */
	struct screening_line indifference[CML_MAX_TYPES]; /* t - c_i m = u_i */
	int noptions;
	struct screening_option option[CML_MAX_TYPES];     /* in type order */
	int option_of[CML_MAX_TYPES];    /* index in option[] of type i's */
	/* (m~_i, v(a(m~_i))); absent for a type that does not train alone. */
	bool has_reservation_point[CML_MAX_TYPES];
	double reservation_m[CML_MAX_TYPES];
	double reservation_t[CML_MAX_TYPES];
	double ceiling;                  /* tbar_I: no reward above it */
	/* Every option and reservation point and the ceiling, with margin,
	   from m = 0 and value 0. */
	struct screening_range all;
	/* The region around the options (and the ceiling), with margin. */
	struct screening_range options;
};

/*
 * Describes the contract c solved for mdl (c->ntypes == mdl->ntypes).
 * Options are the contract's pooling groups.  Returns 0, or -1 if the
 * contract has no types or does not match the model.
 */
int screening_build(const struct model *mdl, const struct contract *c,
		    struct screening *out);

/* The stand-alone value v(a(m)) at m >= 0. */
double screening_curve(const struct screening *s, double m);

/* A line's value at m. */
double screening_line_at(struct screening_line line, double m);

/* Round-number ticks on a range's axes, about `wanted` on each. */
void screening_ticks(const struct screening_range *r, int m_wanted,
		     int t_wanted, struct scale_ticks *m_ticks,
		     struct scale_ticks *t_ticks);

/* ---- The raster: the diagram in character cells. ---- */

enum screening_charset {
	SCREENING_BRAILLE, /* U+2800..U+28FF, 2x4 dots a cell, in UTF-8 */
	SCREENING_ASCII,   /* one character a cell, printable ASCII only */
};

/*
 * What a cell shows, for colouring; the raster picks one per cell (the
 * focused type's before others', points before lines).
 */
enum screening_mark {
	SCREENING_EMPTY,
	SCREENING_RESERVATION_LINE, /* dashed: '-' '/' '|' in gaps in ASCII */
	SCREENING_INDIFFERENCE_LINE,/* solid: '-' '/' '|' in ASCII */
	SCREENING_CURVE,            /* v(a(m)): '.' in ASCII */
	SCREENING_CEILING,          /* dotted: '=' in ASCII */
	SCREENING_RESERVATION_POINT,/* o (UTF-8 a ring) and the type */
	SCREENING_OPTION,           /* * (UTF-8 a disc) and the label */
};

struct screening_cell {
	char glyph[4];            /* UTF-8 text of the cell, "" if blank */
	enum screening_mark mark; /* what the glyph shows */
	int type;                 /* the mark's type (0-based), -1 if none */
	bool label;               /* glyph is a letter of a point's label */
	/* What passes through the cell (bit i: type i), drawn or not (a
	   dashed line's gap still counts). */
	uint64_t reservation_lines, indifference_lines;
	uint64_t options, reservation_points; /* points inside the cell */
	bool curve, ceiling;
	uint8_t dots;             /* Braille dots set (bit k: dot k + 1) */
	/* Internal: the dashed and dotted marks that set a dot or cell. */
	uint64_t reservation_drawn;
	bool ceiling_drawn;
};

struct screening_raster {
	int cols, rows;
	enum screening_charset charset;
	struct screening_range range;
	int focus;                  /* the focused type, -1 for none */
	struct screening_cell *cell; /* rows * cols, row 0 at the top */
};

/* Largest raster screening_raster_draw() accepts, in cells. */
#define SCREENING_MAX_COLS 1024
#define SCREENING_MAX_ROWS 512

/*
 * Draws s over range r into cols x rows cells (out is overwritten; free
 * it with screening_raster_free).  focus is a type whose marks win over
 * the others' (-1: none).  Returns 0, or -1 if a size is out of range,
 * the range is empty or memory runs out (out is then empty).
 */
int screening_raster_draw(const struct screening *s,
			  const struct screening_range *r, int cols, int rows,
			  enum screening_charset charset, int focus,
			  struct screening_raster *out);

void screening_raster_free(struct screening_raster *r);

/* The cell at column col, row row (both in range). */
const struct screening_cell *screening_raster_at(
	const struct screening_raster *r, int col, int row);

/*
 * The cell holding the point (m, t): false if it lies outside the range
 * (its edges included: m = m_hi is the last column, t = t_lo the bottom
 * row).
 */
bool screening_raster_cell_of(const struct screening_raster *r, double m,
			      double t, int *col, int *row);

/* The column holding m and the row holding t (may be outside). */
int screening_raster_column(const struct screening_raster *r, double m);
int screening_raster_row(const struct screening_raster *r, double t);

#endif
