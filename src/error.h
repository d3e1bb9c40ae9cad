/*
 * error.h - errors as values with a place.
 *
 * Engine calls return a status and fill a caller-owned struct cml_error.
 * The record names where the problem came from (a file path, "preset:NAME",
 * or an editor field) and, for files, the 1-based line and column.  Only
 * main() and the explorer decide what to do with it.
 */
#ifndef CML_ERROR_H
#define CML_ERROR_H

#include <stddef.h>

#define CML_ERROR_ORIGIN_MAX 256
#define CML_ERROR_MSG_MAX 512

struct cml_error {
	char origin[CML_ERROR_ORIGIN_MAX]; /* file path or source name; "" if none */
	int line;                          /* 1-based; 0 when not applicable */
	int col;                           /* 1-based; 0 when not applicable */
	char msg[CML_ERROR_MSG_MAX];       /* one sentence, no trailing newline */
};

/* Clears the record (no error). */
void cml_error_clear(struct cml_error *err);

/* Fills the record; origin may be NULL.  A NULL err is allowed and ignored. */
void cml_error_set(struct cml_error *err, const char *origin, int line, int col,
		   const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Writes "origin:line:col: msg" (parts that are unknown are left out). */
void cml_error_format(const struct cml_error *err, char *buf, size_t size);

#endif
