/*
 * json.h - a small streaming JSON writer.
 *
 * Keeps track of commas and indentation so reports read as plain calls:
 *   json_begin_object(&w, NULL); json_number(&w, "participants", 10); ...
 * Strings are escaped per RFC 8259; non-finite numbers become null.
 */
#ifndef CML_JSON_H
#define CML_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json_writer {
	FILE *out;
	int depth;
	bool first[JSON_MAX_DEPTH]; /* no member written yet at this depth */
	bool compact[JSON_MAX_DEPTH]; /* members on one line */
};

void json_init(struct json_writer *w, FILE *out);
/* key is NULL inside arrays and for the top-level value. */
void json_begin_object(struct json_writer *w, const char *key);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w, const char *key, bool compact);
void json_end_array(struct json_writer *w);
void json_string(struct json_writer *w, const char *key, const char *value);
void json_number(struct json_writer *w, const char *key, double value);
void json_integer(struct json_writer *w, const char *key, long value);
void json_bool(struct json_writer *w, const char *key, bool value);
void json_null(struct json_writer *w, const char *key);
/* Ends the document with a newline. */
void json_finish(struct json_writer *w);

#endif
