/*
 * rounding.c - rounding-sized excesses and cancellations.
 */
#include "rounding.h"

#include <float.h>
#include <math.h>

double rounding_slack(double bound, size_t terms)
{
	return 4.0 * DBL_EPSILON * fabs(bound) * (double)(terms + 1);
}

double rounding_cancel(double difference, double magnitude)
{
	return fabs(difference) <= 8.0 * DBL_EPSILON * fabs(magnitude) ?
		       0.0 : difference;
}

double rounding_clamp(double x, double lo, double hi, size_t terms)
{
	if (x > hi && x - hi <= rounding_slack(hi, terms))
		return hi;
	if (x < lo && lo - x <= rounding_slack(fmax(fabs(lo), fabs(hi)),
					       terms))
		return lo;
	return x;
}
