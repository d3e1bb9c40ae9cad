/*
 * figure.h - a figure as a display list: what to draw, not how.
 *
 * The figure builders (figure-contract.c, figure-screening.c,
 * figure-sweep.c, figure-welfare.c) turn results the engine computed into
 * a list of lines, polylines, rectangles, circles and texts in page
 * coordinates (points, 1/72 inch, origin top left, y down).  Renderers
 * (figure-cairo.c for PDF and PNG, figure-svg.c for SVG) only walk the
 * list, so every format shows the same picture and the tests check the
 * geometry without any renderer.
 *
 * Items may carry a tag ("bar-m", "tick-x") with a type and the data value
 * they stand for; the SVG writer keeps them as class and data-* attributes
 * so that a test (or a lecturer's script) can find a number on the page.
 * Also here: the themes (light, dark, print) with the Okabe-Ito palette,
 * and the axis helpers every builder shares (ticks from view-scale.h).
 * Pure: no cairo, no curses.
 */
#ifndef CML_FIGURE_H
#define CML_FIGURE_H

#include <stdbool.h>
#include <stddef.h>

#include "view-scale.h"

struct fig_rgb {
	double r, g, b; /* 0..1 */
};

/* Okabe-Ito colours, told apart with any common colour-vision deficiency. */
#define FIG_SERIES 7

struct fig_theme {
	const char *name;
	struct fig_rgb bg, fg;   /* page and text/axes */
	struct fig_rgb grid;     /* grid lines and frames */
	struct fig_rgb muted;    /* reservation levels, secondary marks */
	struct fig_rgb series[FIG_SERIES]; /* per type and per category */
	bool paint_bg;           /* false: transparent page (print) */
};

/* "light", "dark" or "print"; NULL if unknown. */
const struct fig_theme *fig_theme_find(const char *name);

/* The series colour of type i (0-based), cycling through the palette. */
struct fig_rgb fig_theme_series(const struct fig_theme *t, int i);

/* A colour between a and b (u = 0: a, u = 1: b). */
struct fig_rgb fig_rgb_mix(struct fig_rgb a, struct fig_rgb b, double u);

enum fig_kind { FIG_LINE, FIG_POLYLINE, FIG_RECT, FIG_CIRCLE, FIG_TEXT };
enum fig_anchor { FIG_START, FIG_MIDDLE, FIG_END };
enum fig_dash { FIG_SOLID, FIG_DASHED, FIG_DOTTED };

struct fig_style {
	bool stroke, fill;        /* what to paint */
	struct fig_rgb stroke_rgb, fill_rgb;
	double width;             /* stroke width in points */
	enum fig_dash dash;
};

/* Longest tag, with its NUL. */
#define FIG_TAG_MAX 24

struct fig_item {
	enum fig_kind kind;
	struct fig_style style;
	/* LINE: (x0,y0)-(x1,y1); RECT: corners (x0,y0) and (x1,y1), x0 <= x1,
	   y0 <= y1; CIRCLE: centre (x0,y0) and radius r; TEXT: the anchor
	   point on the baseline (x0,y0). */
	double x0, y0, x1, y1, r;
	int npoints;              /* POLYLINE: points (x, y pairs in pts) */
	double *pts;              /* owned */
	char *text;               /* TEXT: UTF-8, owned */
	double size;              /* TEXT: font size in points */
	enum fig_anchor anchor;   /* TEXT: which end (x0, y0) is */
	bool bold, vertical;      /* vertical: rotated 90 degrees anticlockwise */
	/* What the item shows, for tests and scripts ("" if nothing). */
	char tag[FIG_TAG_MAX];
	int type;                 /* 0-based type, -1 for none */
	double value;             /* the data value drawn */
	double value2;            /* a point's second coordinate, or NAN */
};

struct figure {
	double width, height;     /* points */
	const struct fig_theme *theme;
	double font;              /* the base text size, points */
	int count, cap;
	struct fig_item *items;
	bool failed;              /* memory ran out: the list is incomplete */
	/* Where an item goes that could not be added (or a polyline of
	   fewer than two points): never rendered; per figure, so builders
	   on different threads share nothing. */
	struct fig_item scratch;
};

/* An empty figure of the size (points) in the theme. */
void figure_init(struct figure *f, double width, double height,
		 const struct fig_theme *theme);
void figure_free(struct figure *f);

/*
 * Appends items; each returns the new item (to set its tag) or f's
 * scratch item if memory ran out (f->failed is then set, and the caller
 * checks it once at the end).
 */
struct fig_item *fig_line(struct figure *f, double x0, double y0, double x1,
			  double y1, struct fig_style style);
struct fig_item *fig_rect(struct figure *f, double x0, double y0, double x1,
			  double y1, struct fig_style style);
struct fig_item *fig_circle(struct figure *f, double x, double y, double r,
			    struct fig_style style);
/* Copies n points (xy pairs). */
struct fig_item *fig_polyline(struct figure *f, const double *xy, int n,
			      struct fig_style style);
struct fig_item *fig_text(struct figure *f, double x, double y, double size,
			  enum fig_anchor anchor, struct fig_rgb rgb,
			  const char *text);

/* Sets an item's tag, type and value; returns the item. */
struct fig_item *fig_tag(struct fig_item *it, const char *tag, int type,
			 double value);

/*
 * A bar's value to one decimal just right of (x, y), in the theme's
 * colour at size times the font, tagged with what it is.
 */
void fig_bar_label(struct figure *f, double x, double y, double size,
		   const char *tag, int type, double value);

/* Style shorthands. */
struct fig_style fig_stroke(struct fig_rgb rgb, double width);
struct fig_style fig_filled(struct fig_rgb rgb);

/* A rough text width (points) for layout: renderers measure the real one. */
double fig_text_width(const char *text, double size);

/* ---- Axes: data values to page coordinates, with shared ticks. ---- */

struct fig_axis {
	double lo, hi;   /* data range */
	double p0, p1;   /* page coordinates of lo and hi (p1 < p0 for y) */
};

/* The page coordinate of v (lo..hi maps linearly to p0..p1). */
double fig_axis_map(const struct fig_axis *a, double v);

/*
 * A horizontal axis at page y with its ticks (scale_ticks_make's values)
 * and their labels below, each label tagged tag with its value; a grid
 * line up to grid_top unless grid_top >= y.
 */
void fig_axis_x(struct figure *f, const struct fig_axis *a, double y,
		const struct scale_ticks *t, double grid_top, const char *tag);

/* The same for a vertical axis at page x, labels to its left. */
void fig_axis_y(struct figure *f, const struct fig_axis *a, double x,
		const struct scale_ticks *t, double grid_right, const char *tag);

/*
 * An axis from 0 for values up to most: ends on a tick a little past most
 * (room for the bars' labels), with scale_ticks_make's ticks into *t.
 * Returns the axis's end.
 */
double fig_axis_from_zero(double most, int wanted, struct scale_ticks *t);

/* A tick label: the value with the ticks' decimals ("-0" printed "0"). */
void fig_tick_label(double v, int decimals, char *buf, size_t size);

/* The figure's title, bold, centred at the top; tagged "title". */
void fig_title(struct figure *f, const char *text);

/*
 * A legend entry at (x, y) (y: the text's baseline): a swatch in style
 * (a short line if the style has no fill) and the label.  Returns the x
 * where the next entry may start.
 */
double fig_legend(struct figure *f, double x, double y, struct fig_style style,
		  const char *label);

#endif
