/*
 * clock.h - wall-clock seconds for timings (solver stats, sweeps, the
 * explorer's header, benchmarks).
 */
#ifndef CML_CLOCK_H
#define CML_CLOCK_H

/* Seconds on the monotonic clock (only differences mean anything). */
double clock_seconds(void);

#endif
