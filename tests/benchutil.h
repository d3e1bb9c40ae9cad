/*
 * benchutil.h - tests only: quantiles for the benchmarks.
 */
#ifndef CML_BENCHUTIL_H
#define CML_BENCHUTIL_H

/* The q-quantile (0..1) of n samples; sorts them in place. */
double bench_quantile(double *samples, int n, double q);

#endif
