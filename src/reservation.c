/*
 * reservation.c - stand-alone training levels.
 */
#include "reservation.h"

#include <math.h>
#include <string.h>

/* Marginal profit h'(m) = v'(a) a' - c and its slope h''(m). */
static double marginal_profit(const struct accuracy *acc,
			      const struct valuation *val, double cost,
			      double m, double *slope)
{
	double d1, d2, v1, v2;
	double a = accuracy_eval(acc, m, &d1, &d2);

	(void)valuation_eval(val, a, &v1, &v2);
	*slope = v2 * d1 * d1 + v1 * d2;
	return v1 * d1 - cost;
}

void reservation_compute(const struct accuracy *acc,
			 const struct valuation *val, double cost,
			 struct reservation *out)
{
	double slope;
	double lo = acc->zero_below * (1.0 + 1e-12) + 1e-300;
	double hi;

	memset(out, 0, sizeof(*out));
	/*
	 * The marginal profit falls from its value just above the threshold
	 * towards -cost.  If it starts non-positive there is no interior
	 * maximum, and training any amount loses money.
	 */
	if (marginal_profit(acc, val, cost, lo, &slope) <= 0.0)
		return;
	hi = 2.0 * lo;
	while (marginal_profit(acc, val, cost, hi, &slope) > 0.0) {
		lo = hi;
		hi *= 2.0;
	}
	/* Newton from the bracket's upper end, falling back to bisection. */
	double m = hi;
	for (int iter = 0; iter < 200; iter++) {
		double g = marginal_profit(acc, val, cost, m, &slope);
		if (g == 0.0)
			break;
		if (g > 0.0)
			lo = m;
		else
			hi = m;
		double next = m - g / slope;
		if (!(slope < 0.0) || !(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (next == m || hi - lo <= 4e-16 * hi)
			break;
		m = next;
	}
	double a = accuracy_eval(acc, m, NULL, NULL);
	double value = valuation_eval(val, a, NULL, NULL);
	double profit = value - cost * m;
	if (!(profit > 0.0))
		return;
	out->contribution = m;
	out->profit = profit;
	out->accuracy = a;
	out->value = value;
	out->trains_alone = true;
}
