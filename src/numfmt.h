/*
 * numfmt.h - numbers for people: fixed widths, sensible digits.
 *
 * Shared by the text report and the explorer so a number looks the same
 * in both.  Every function writes a NUL-terminated string of at most
 * size - 1 bytes and returns buf.
 */
#ifndef CML_NUMFMT_H
#define CML_NUMFMT_H

#include <stddef.h>

/*
 * About sig significant digits without exponent where that stays short
 * (1e-4 <= |x| < 1e9), with an exponent otherwise; "0" for zero, "-" for
 * NaN, "inf"/"-inf".  Never prints "-0".
 */
char *numfmt_sig(char *buf, size_t size, double x, int sig);

/* Fixed decimals ("%.*f"), falling back to numfmt_sig beyond 1e12. */
char *numfmt_fixed(char *buf, size_t size, double x, int decimals);

/*
 * The shortest "%.{15,16,17}g" form that reads back as exactly x (for
 * JSON, CSV and YAML); "null" for non-finite values.
 */
char *numfmt_exact(char *buf, size_t size, double x);

/*
 * x in at most width columns: up to sig significant digits, fewer where
 * that does not fit, then scientific notation with a short exponent
 * ("1.2e4"); "" when not even that fits (a number is dropped, never
 * cut).
 */
char *numfmt_fit(char *buf, size_t size, double x, int width, int sig);

/*
 * x with the given decimals if that fits in width columns, else with
 * fewer decimals, else numfmt_fit(x, width, 6): a table cell's number,
 * never wider than its column ("" only if not even "1e9" fits).
 */
char *numfmt_fixed_within(char *buf, size_t size, double x, int decimals,
			  int width);

/*
 * A bound for "<= BOUND": x rounded up (never down) to one significant
 * digit, "3e-11", "2e-6", "0.002", "40"; "0" for zero or less, "-" for
 * NaN, "inf" for infinity.
 */
char *numfmt_bound(char *buf, size_t size, double x);

/* A duration in seconds as "0.84 ms", "12.3 ms", "1.52 s". */
char *numfmt_duration(char *buf, size_t size, double seconds);

#endif
