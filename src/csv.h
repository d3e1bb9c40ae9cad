/*
 * csv.h - CSV fields (RFC 4180) for the solve and sweep reports.
 */
#ifndef CML_CSV_H
#define CML_CSV_H

#include <stdio.h>

/* Writes s as one field, quoted when it holds a comma, quote, CR or LF. */
void csv_field(FILE *out, const char *s);

/* Writes ",x" with x in its exact form, or just "," when x is not finite. */
void csv_number(FILE *out, double x);

#endif
