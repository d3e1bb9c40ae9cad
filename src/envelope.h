/*
 * envelope.h - the concave envelope of an accuracy curve over an interval.
 *
 * a(S) is 0 up to its threshold z and concave above it, so it is not
 * concave: the kink at z bends the wrong way.  Over an interval [lo, hi]
 * of S its concave envelope (the least concave function above it) is
 *   - a itself            when lo >= z (a is concave there),
 *   - 0                   when hi <= z,
 *   - otherwise the line from (lo, 0) tangent to a at s*, then a beyond
 *     s* (the chord from (lo, 0) to (hi, a(hi)) when s* would pass hi).
 * It is concave and once differentiable in S.  Replacing a by it in every
 * outcome makes the first-moment problem convex and its optimum an upper
 * bound on the true one (bound.c).
 */
#ifndef CML_ENVELOPE_H
#define CML_ENVELOPE_H

#include <stdbool.h>

#include "accuracy.h"

struct envelope {
	double lo;     /* left end of the interval */
	double knot;   /* where the line meets a: s*, or hi for a chord */
	double slope;  /* slope of the line from (lo, 0); when exact, a's
			  slope just right of lo */
	bool exact;    /* the envelope is a itself (lo >= z) */
	bool zero;     /* the envelope is 0 (hi <= z) */
};

/* The envelope of acc over [lo, hi] (0 <= lo <= hi, hi may be HUGE_VAL). */
void envelope_build(const struct accuracy *acc, double lo, double hi,
		    struct envelope *env);

/*
 * The envelope at S and its slope, given a(S) and a'(S) (which it returns
 * where it follows a).
 */
static inline double envelope_eval(const struct envelope *env, double s,
				   double a, double a_slope, double *slope)
{
	if (env->zero) {
		*slope = 0.0;
		return 0.0;
	}
	if (env->exact) {
		/*
		 * At the threshold a's own slope is the left one, 0; over
		 * this interval the right one is the derivative.
		 */
		*slope = a == 0.0 && a_slope == 0.0 ? env->slope : a_slope;
		return a;
	}
	if (s >= env->knot) {
		*slope = a_slope;
		return a;
	}
	*slope = env->slope;
	return env->slope * (s - env->lo);
}

/* True if the envelope equals a at S (no relaxation gap there). */
static inline bool envelope_tight_at(const struct envelope *env, double s)
{
	return env->zero || env->exact || s >= env->knot || s <= env->lo;
}

#endif
