/*
 * view-scale.c - the map's diverging scale around 0.
 */
#include "view-scale.h"

#include <math.h>
#include <stdio.h>

#include "numfmt.h"

void scale_diverging_make(double lo, double hi, struct scale_diverging *out)
{
	double half = 0.0;

	if (lo <= hi && isfinite(lo) && isfinite(hi))
		half = fmax(fabs(lo), fabs(hi));
	out->half = half;
	out->zero = 1e-8 * fmax(1.0, half);
}

int scale_diverging_level(const struct scale_diverging *s, double v)
{
	if (isnan(v) || !(fabs(v) > s->zero) || !(s->half > 0.0))
		return 0;
	int level = (int)ceil(SCALE_LEVELS * fabs(v) / s->half);

	level = level < 1 ? 1 : level > SCALE_LEVELS ? SCALE_LEVELS : level;
	return v < 0.0 ? -level : level;
}

char scale_diverging_glyph(int level)
{
	static const char glyphs[2 * SCALE_LEVELS + 2] = "#=-0+*@";

	if (level < -SCALE_LEVELS)
		level = -SCALE_LEVELS;
	if (level > SCALE_LEVELS)
		level = SCALE_LEVELS;
	return glyphs[level + SCALE_LEVELS];
}

void scale_diverging_labels(const struct scale_diverging *s, int sig,
			    char *neg, char *pos, size_t size)
{
	char num[32];

	if (!(s->half > s->zero)) {
		snprintf(neg, size, "0");
		snprintf(pos, size, "0");
		return;
	}
	numfmt_sig(num, sizeof(num), s->half, sig);
	snprintf(neg, size, "-%s", num);
	snprintf(pos, size, "+%s", num);
}
