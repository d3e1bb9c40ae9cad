/*
 * rounding.h - telling rounding from substance in reported numbers.
 *
 * Sums over outcomes can land a few ulps outside their mathematical
 * range, and differences of equal numbers come out as 1e-15 rather than
 * 0.  Reports show what the mathematics says in both cases, and only
 * when the excess is rounding-sized; anything larger stays visible.
 */
#ifndef CML_ROUNDING_H
#define CML_ROUNDING_H

#include <stddef.h>

/*
 * How far rounding alone can carry a sum of terms values, each at most
 * |bound|, past bound: a few ulps of the bound per term.
 */
double rounding_slack(double bound, size_t terms);

/*
 * x moved into [lo, hi] if it lies outside by no more than the rounding
 * slack of a sum of terms values; otherwise x as it is (an excess that
 * rounding cannot explain is left for the checks and the user to see).
 */
double rounding_clamp(double x, double lo, double hi, size_t terms);

/*
 * difference, or 0 when it is within rounding of the magnitude of the
 * numbers it came from (a rent of 7.1e-15 is a rent of 0).
 */
double rounding_cancel(double difference, double magnitude);

#endif
