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

double scale_nice_step(double span, int count)
{
	double raw = span / count;

	if (!(raw > 0.0) || !isfinite(raw))
		return 1.0;
	double power = pow(10.0, floor(log10(raw)));
	double mantissa = raw / power;

	if (mantissa <= 1.0)
		return power;
	if (mantissa <= 2.0)
		return 2.0 * power;
	if (mantissa <= 5.0)
		return 5.0 * power;
	return 10.0 * power;
}

void scale_ticks_make(double lo, double hi, int wanted,
		      struct scale_ticks *out)
{
	double step = scale_nice_step(hi - lo, wanted > 0 ? wanted : 1);
	int decimals = (int)-floor(log10(step) + 1e-9);

	out->count = 0;
	out->step = step;
	out->decimals = decimals > 0 ? decimals : 0;
	if (!(hi >= lo) || !isfinite(lo) || !isfinite(hi))
		return;
	/* An integer count bounds the loop whatever the step's rounding. */
	double first = ceil(lo / step) * step;
	for (int k = 0; out->count < SCALE_MAX_TICKS; k++) {
		double v = first + k * step;
		if (v > hi + 1e-9 * step)
			break;
		out->value[out->count++] = fabs(v) < 1e-12 * step ? 0.0 : v;
	}
}
