/*
 * reservation.h - the outside option: what a type gets by training alone.
 *
 * A type-i party alone solves max_{m >= 0} v(a(m)) - c_i m.  When that
 * maximum is positive it trains alone on m~_i units and earns f_i; else it
 * would not train alone (m~_i = 0, f_i = 0).
 */
#ifndef CML_RESERVATION_H
#define CML_RESERVATION_H

#include <stdbool.h>

#include "accuracy.h"
#include "valuation.h"

struct reservation {
	double contribution; /* m~_i: the exact stationary point, or 0 */
	double profit;       /* f_i = v(a(m~_i)) - c_i m~_i, or 0 */
	double accuracy;     /* a(m~_i) */
	double value;        /* v(a(m~_i)) */
	bool trains_alone;   /* f_i > 0 */
};

/*
 * Computes the reservation level for one cost.  m~ solves
 * v'(a(m)) a'(m) = cost to machine precision (safeguarded Newton on the
 * increasing, concave branch of a).
 */
void reservation_compute(const struct accuracy *acc,
			 const struct valuation *val, double cost,
			 struct reservation *out);

#endif
