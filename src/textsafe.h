/*
 * textsafe.h - user text made safe to show on a terminal.
 *
 * Names, descriptions, paths and option values come from files and
 * command lines the user may not have written.  Written raw, an ESC or a
 * C1 control in them would drive the terminal (move the cursor, retitle
 * the window, hide text).  Every text output (the text report, messages
 * on stderr, the explorer's screen) shows such characters as visible
 * escapes instead:
 *
 *   C0 controls and DEL      \x1b  \x7f  (tab and newline too)
 *   C1 controls (U+0080-9F)  \u009b
 *   bytes that are not UTF-8 \xff
 *
 * Everything else, including valid UTF-8 and the backslash itself, is
 * kept as it is: this is for reading, not a format to parse back.  Data
 * outputs (JSON, CSV, YAML) carry the exact text in their own syntax.
 *
 * Engine code: no curses, no state, reentrant.
 */
#ifndef CML_TEXTSAFE_H
#define CML_TEXTSAFE_H

#include <stdio.h>
#include <stddef.h>

/* Room for the longest escape ("\u009b") with its NUL. */
#define TEXTSAFE_ESCAPE_MAX 8

/*
 * If s starts with a character that must be escaped, writes its escape
 * to esc and returns how many bytes of s it stands for (1 or 2); returns
 * 0 (esc untouched) when s starts with a printable character or the NUL.
 */
size_t textsafe_escape_at(const char *s, char esc[TEXTSAFE_ESCAPE_MAX]);

/*
 * Copies s into buf (size > 0 bytes) with its escapes, NUL-terminated.
 * Cut short only between characters: never inside an escape or a UTF-8
 * sequence.  Returns buf.
 */
char *textsafe_copy(char *buf, size_t size, const char *s);

/* Writes s to out with its escapes. */
void textsafe_fputs(const char *s, FILE *out);

/*
 * Writes one line to out: the formatted text with its escapes (so that
 * user text in the arguments cannot reach the terminal raw), then '\n'.
 */
void textsafe_line(FILE *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
