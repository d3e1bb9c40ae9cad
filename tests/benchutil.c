/*
 * benchutil.c - tests only: timing helpers shared by the benchmarks.
 */
#include "benchutil.h"

#include <stdlib.h>

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_quantile(double *samples, int n, double q)
{
	qsort(samples, (size_t)n, sizeof(double), by_value);
	return samples[(int)(q * (n - 1) + 0.5)];
}
