/*
 * json.c - streaming JSON output.
 */
#include "json.h"

#include "numfmt.h"

void json_init(struct json_writer *w, FILE *out)
{
	w->out = out;
	w->depth = 0;
	w->first[0] = true;
	w->compact[0] = false;
}

static void indent(struct json_writer *w)
{
	fputc('\n', w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->out);
}

static void write_escaped(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			/* DEL and C1 (C2 80..9F) are legal raw in JSON but
			   would drive a terminal showing the output. */
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\u%04x", *p);
			else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
				fprintf(out, "\\u%04x", *++p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* Comma, newline and key before a member or element. */
static void member(struct json_writer *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->first[w->depth])
			fputc(',', w->out);
		if (w->compact[w->depth])
			fputs(w->first[w->depth] ? "" : " ", w->out);
		else
			indent(w);
	}
	w->first[w->depth] = false;
	if (key != NULL) {
		write_escaped(w->out, key);
		fputs(": ", w->out);
	}
}

static void open_container(struct json_writer *w, const char *key, char bracket,
		 bool compact)
{
	member(w, key);
	fputc(bracket, w->out);
	if (w->depth + 1 < JSON_MAX_DEPTH)
		w->depth++;
	w->first[w->depth] = true;
	w->compact[w->depth] = compact || w->compact[w->depth - 1];
}

static void close_container(struct json_writer *w, char bracket)
{
	bool empty = w->first[w->depth], compact = w->compact[w->depth];

	if (w->depth > 0)
		w->depth--;
	if (!empty && !compact)
		indent(w);
	fputc(bracket, w->out);
}

void json_begin_object(struct json_writer *w, const char *key)
{
	open_container(w, key, '{', false);
}

void json_end_object(struct json_writer *w)
{
	close_container(w, '}');
}

void json_begin_array(struct json_writer *w, const char *key, bool compact)
{
	open_container(w, key, '[', compact);
}

void json_end_array(struct json_writer *w)
{
	close_container(w, ']');
}

void json_string(struct json_writer *w, const char *key, const char *value)
{
	member(w, key);
	write_escaped(w->out, value);
}

void json_number(struct json_writer *w, const char *key, double value)
{
	char buf[40];

	member(w, key);
	fputs(numfmt_exact(buf, sizeof(buf), value), w->out);
}

void json_integer(struct json_writer *w, const char *key, long value)
{
	member(w, key);
	fprintf(w->out, "%ld", value);
}

void json_bool(struct json_writer *w, const char *key, bool value)
{
	member(w, key);
	fputs(value ? "true" : "false", w->out);
}

void json_null(struct json_writer *w, const char *key)
{
	member(w, key);
	fputs("null", w->out);
}

void json_finish(struct json_writer *w)
{
	fputc('\n', w->out);
}
