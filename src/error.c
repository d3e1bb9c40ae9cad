/*
 * error.c - filling and formatting struct cml_error.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cml_error_clear(struct cml_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

void cml_error_set(struct cml_error *err, const char *origin, int line, int col,
		   const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	snprintf(err->origin, sizeof(err->origin), "%s", origin ? origin : "");
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

void cml_error_format(const struct cml_error *err, char *buf, size_t size)
{
	if (size == 0)
		return;
	if (err->origin[0] != '\0' && err->line > 0 && err->col > 0)
		snprintf(buf, size, "%s:%d:%d: %s", err->origin, err->line,
			 err->col, err->msg);
	else if (err->origin[0] != '\0' && err->line > 0) /* a whole line */
		snprintf(buf, size, "%s:%d: %s", err->origin, err->line,
			 err->msg);
	else if (err->origin[0] != '\0')
		snprintf(buf, size, "%s: %s", err->origin, err->msg);
	else
		snprintf(buf, size, "%s", err->msg);
}
