/*
 * csv.c - CSV fields.
 */
#include "csv.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "numfmt.h"

/* Does s hold a byte that a plain (unquoted) field should not? */
static bool needs_quotes(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p == ',' || *p == '"' || *p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

/*
 * CSV is data: the text is written exactly, control characters included
 * (quoted, so a reader sees where the field ends); the text report is
 * the output for terminals.
 */
void csv_field(FILE *out, const char *s)
{
	if (!needs_quotes(s)) {
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
