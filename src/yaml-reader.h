/*
 * yaml-reader.h - walking a YAML document event by event, with places.
 *
 * The scenario and lesson loaders walk their schemas by hand over
 * libyaml's event API, so every check knows the mark of the node it is
 * looking at.  This is what they share: the current event, refusing what
 * no schema of ours uses (aliases, anchors, tags, deep nesting), libyaml's
 * own errors turned into FILE:LINE:COL ones, and readers for keys,
 * numbers and strings that name the key in their messages.
 *
 * Numbers are parsed with strtod: callers run under the C locale.
 */
#ifndef CML_YAML_READER_H
#define CML_YAML_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "error.h"

/* Longest key or value quoted back in a message. */
#define YAML_READER_QUOTE_MAX 40
/* Room for its escaped form: 4 characters a byte at most, and "...". */
#define YAML_READER_QUOTE_BUF (4 * YAML_READER_QUOTE_MAX + 4)

struct yaml_reader {
	yaml_parser_t parser;
	yaml_event_t ev;      /* the current event, valid if have_event */
	bool have_event;
	int depth;            /* open mappings and sequences */
	int max_depth;        /* deeper nesting is refused */
	const unsigned char *text;
	size_t len;
	const char *origin;   /* names the source in errors */
	const char *kind;     /* "scenario files": what the messages call it */
	struct cml_error *err;
};

/*
 * Starts reading len bytes of text (a UTF-8 byte-order mark is skipped).
 * Returns 0, or -1 with err set (out of memory).
 */
int yaml_reader_open(struct yaml_reader *rd, const char *text, size_t len,
		     const char *origin, const char *kind, int max_depth,
		     struct cml_error *err);
void yaml_reader_close(struct yaml_reader *rd);

/* Records an error at a libyaml mark (0-based) as 1-based line:col. */
int yaml_reader_fail(struct yaml_reader *rd, yaml_mark_t mark,
		     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Replaces the current event with the next one; -1 with err on error. */
int yaml_reader_next(struct yaml_reader *rd);

/* "a sequence", "a mapping", "a string" or "a plain scalar". */
const char *yaml_reader_node_kind(const yaml_event_t *ev);

/* True if the current scalar event holds exactly the text s. */
bool yaml_reader_scalar_is(const yaml_event_t *ev, const char *s);

/*
 * Copies at most YAML_READER_QUOTE_MAX bytes of s for a message, control
 * characters as visible escapes.
 */
const char *yaml_reader_quote(const unsigned char *s, size_t len,
			      char buf[YAML_READER_QUOTE_BUF]);

/*
 * Parses the whole of s as a decimal number ([+-]digits[.digits]
 * [e[+-]digits]).  Returns 0, or -1 if s is anything else.
 */
int yaml_reader_parse_decimal(const char *s, size_t len, double *out);

/* True if s reads as YAML's infinity or not-a-number (.inf, NaN, ...). */
bool yaml_reader_is_nonfinite_word(const char *s);

/* Writes "a, b, c" into buf. */
void yaml_reader_join_keys(const char *const keys[], int nkeys, char *buf,
			   size_t size);

/*
 * Reads the next node as a number for key (prefix says where, e.g.
 * "type 2: "); only plain scalars in decimal notation qualify.  *mark
 * receives the node's place.  The range is left to the caller.
 */
int yaml_reader_number(struct yaml_reader *rd, const char *prefix,
		       const char *key, double *value, yaml_mark_t *mark);

/* Reads the next node as text of at most size - 1 bytes into buf. */
int yaml_reader_string(struct yaml_reader *rd, const char *prefix,
		       const char *key, char *buf, size_t size);

/*
 * Reads the next key of a mapping whose keys are keys[0..nkeys-1].
 * Returns 1 at the end of the mapping, 0 with *index set, -1 on error
 * (not a string, unknown, or already seen: seen[] and marks[] track that).
 */
int yaml_reader_key(struct yaml_reader *rd, const char *prefix,
		    const char *const keys[], int nkeys, bool seen[],
		    yaml_mark_t marks[], int *index);

#endif
