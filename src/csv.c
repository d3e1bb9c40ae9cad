/*
 * csv.c - CSV fields.
 */
#include "csv.h"

#include <math.h>
#include <string.h>

#include "numfmt.h"

void csv_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void csv_number(FILE *out, double x)
{
	char buf[40];

	fputc(',', out);
	if (isfinite(x))
		fputs(numfmt_exact(buf, sizeof(buf), x), out);
}
