/*
 * envelope.c - tangent lines from a point of the zero region to a(S).
 */
#include "envelope.h"

#include <math.h>

/*
 * h(s) = a'(s) (s - lo) - a(s): positive while the line from (lo, 0)
 * through (s, a(s)) still cuts the curve, zero at the tangent point, and
 * decreasing (h' = a''(s) (s - lo) < 0), so the root is unique.
 */
static double tangency(const struct accuracy *acc, double lo, double s,
		       double *dh)
{
	double d1, d2, a = accuracy_eval(acc, s, &d1, &d2);

	*dh = d2 * (s - lo);
	return d1 * (s - lo) - a;
}

/* The tangent point s* > z for the line from (lo, 0), lo < z. */
static double tangent_point(const struct accuracy *acc, double lo)
{
	double z = acc->zero_below, dh;
	double below = z, above = 2.0 * z + 1.0;

	/* Bracket: h(below) > 0 >= h(above). */
	while (tangency(acc, lo, above, &dh) > 0.0 && above < 1e300) {
		below = above;
		above *= 4.0;
	}
	double s = above;
	for (int iter = 0; iter < 200; iter++) {
		double h = tangency(acc, lo, s, &dh);
		if (h == 0.0)
			break;
		if (h > 0.0)
			below = s;
		else
			above = s;
		double next = dh < 0.0 ? s - h / dh : NAN;
		if (fabs(next - s) <= 1e-15 * s || above - below <= 1e-15 * above)
			break; /* converged: s is the root to rounding */
		/* Newton inside the bracket, else bisect. */
		s = next > below && next < above ? next : 0.5 * (below + above);
	}
	return s;
}

void envelope_build(const struct accuracy *acc, double lo, double hi,
		    struct envelope *env)
{
	double z = acc->zero_below, dh;

	env->lo = lo;
	env->knot = lo;
	env->slope = 0.0;
	/* A left end at the threshold, up to rounding, is at it. */
	env->exact = lo >= z * (1.0 - 1e-12);
	env->zero = !env->exact && hi <= z;
	if (env->zero)
		return;
	if (env->exact) {
		/* a's slope just right of the left end (a' jumps at z). */
		(void)acc->family->eval_positive(acc, fmax(lo, z), &env->slope,
						 NULL);
		return;
	}
	if (isfinite(hi) && tangency(acc, lo, hi, &dh) >= 0.0) {
		/* The tangent would touch beyond hi: the chord is the envelope. */
		env->knot = hi;
		env->slope = accuracy_eval(acc, hi, NULL, NULL) / (hi - lo);
		return;
	}
	env->knot = tangent_point(acc, lo);
	env->slope = accuracy_eval(acc, env->knot, NULL, NULL) /
		     (env->knot - lo);
}
