/*
 * view-scale.h - a diverging scale around 0 for signed map quantities.
 *
 * The information cost is usually negative (value lost to private
 * costs) but can be positive (the contract beats the paper's ex-post
 * complete-information benchmark), so the map shows it on a scale
 * symmetric about 0 rather than stretched from its minimum to its
 * maximum: a cell's level is -SCALE_LEVELS..SCALE_LEVELS, 0 in the
 * middle, equal magnitudes on either side get equal levels, and each
 * sign has its own glyphs ("-=#" below 0, "+*@" above, "0" at 0), so the
 * sign reads in monochrome and ASCII as well as in colour.
 * Also the round-number axis ticks every plotted axis shares (the
 * histograms' value axis, the screening diagram's two axes), so ticks
 * are computed once.
 * Pure arithmetic: tested without a terminal.
 */
#ifndef CML_VIEW_SCALE_H
#define CML_VIEW_SCALE_H

#include <stdbool.h>
#include <stddef.h>

/* Levels on each side of 0. */
#define SCALE_LEVELS 3

struct scale_diverging {
	double half;   /* the largest magnitude: level +-SCALE_LEVELS */
	double zero;   /* magnitudes up to this count as 0 (rounding) */
};

/*
 * The scale for values in [lo, hi] (lo > hi, as for no values yet, gives
 * an empty scale on which everything is 0).  Magnitudes up to 1e-8 times
 * max(1, largest magnitude) are 0: the solver's tolerance, not a sign.
 */
void scale_diverging_make(double lo, double hi, struct scale_diverging *out);

/*
 * The level of v: 0 for |v| within the zero band (or NaN), else the sign
 * of v times ceil(SCALE_LEVELS |v| / half), clamped to 1..SCALE_LEVELS.
 */
int scale_diverging_level(const struct scale_diverging *s, double v);

/* The glyph of a level: '#' '=' '-' for -3..-1, '0', '+' '*' '@' for 1..3. */
char scale_diverging_glyph(int level);

/*
 * The legend's end labels, "-M" and "+M" with M = half to sig
 * significant digits ("0" and "0" for an empty scale).
 */
void scale_diverging_labels(const struct scale_diverging *s, int sig,
			    char *neg, char *pos, size_t size);

/* Ticks one axis may carry at most (a 256-row histogram wants 65). */
#define SCALE_MAX_TICKS 80

/*
 * A round step near span / count: 1, 2 or 5 times a power of ten (1 for
 * a span that is not positive and finite).
 */
double scale_nice_step(double span, int count);

/* Round-number ticks on an axis [lo, hi]. */
struct scale_ticks {
	int count;
	double value[SCALE_MAX_TICKS]; /* increasing, within [lo, hi] */
	double step;                   /* between neighbouring ticks */
	int decimals;                  /* enough to tell them apart */
};

/*
 * The multiples of scale_nice_step(hi - lo, wanted) in [lo, hi] (a tick
 * within rounding of 0 is exactly 0), at most SCALE_MAX_TICKS of them.
 */
void scale_ticks_make(double lo, double hi, int wanted,
		      struct scale_ticks *out);

#endif
