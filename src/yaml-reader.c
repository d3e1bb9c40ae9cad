/*
 * yaml-reader.c - the event walk the scenario and lesson loaders share.
 */
#include "yaml-reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textsafe.h"

int yaml_reader_open(struct yaml_reader *rd, const char *text, size_t len,
		     const char *origin, const char *kind, int max_depth,
		     struct cml_error *err)
{
	memset(rd, 0, sizeof(*rd));
	/*
	 * A UTF-8 byte-order mark (Windows editors write one) is dropped
	 * here: libyaml forced to UTF-8 counts it as a column, and with any
	 * encoding it mishandles a mapping that follows.  Without it, marks
	 * and reader offsets on line 1 count from the first real character.
	 */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	rd->text = (const unsigned char *)text;
	rd->len = len;
	rd->origin = origin;
	rd->kind = kind;
	rd->max_depth = max_depth;
	rd->err = err;
	if (!yaml_parser_initialize(&rd->parser)) {
		cml_error_set(err, origin, 0, 0, "out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&rd->parser, rd->text, len);
	yaml_parser_set_encoding(&rd->parser, YAML_UTF8_ENCODING);
	return 0;
}

void yaml_reader_close(struct yaml_reader *rd)
{
	if (rd->have_event)
		yaml_event_delete(&rd->ev);
	rd->have_event = false;
	yaml_parser_delete(&rd->parser);
}

/* Records an error at a libyaml mark (0-based) as 1-based line:col. */
int yaml_reader_fail(struct yaml_reader *rd, yaml_mark_t mark,
		     const char *fmt, ...)
{
	char msg[CML_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cml_error_set(rd->err, rd->origin, (int)mark.line + 1,
		      (int)mark.column + 1, "%s", msg);
	return -1;
}

/*
 * Copies at most YAML_READER_QUOTE_MAX bytes of s for a message, control
 * characters as visible escapes (textsafe.h; an embedded NUL as \x00).
 */
const char *yaml_reader_quote(const unsigned char *s, size_t len,
			 char buf[YAML_READER_QUOTE_BUF])
{
	const size_t room = YAML_READER_QUOTE_BUF - 4; /* keeps space for "..." */
	char piece[YAML_READER_QUOTE_MAX + 1];
	size_t n = len < YAML_READER_QUOTE_MAX ? len : YAML_READER_QUOTE_MAX;
	size_t used = 0, start = 0;

	/* Do not end inside a UTF-8 sequence. */
	if (len > YAML_READER_QUOTE_MAX)
		while (n > 0 && (s[n] & 0xc0) == 0x80)
			n--;
	for (;;) {
		size_t end = start;
		while (end < n && s[end] != '\0')
			end++;
		memcpy(piece, s + start, end - start);
		piece[end - start] = '\0';
		textsafe_copy(buf + used, room - used, piece);
		used += strlen(buf + used);
		if (end == n || used + 4 >= room)
			break;
		memcpy(buf + used, "\\x00", 5);
		used += 4;
		start = end + 1;
	}
	if (len > YAML_READER_QUOTE_MAX)
		memcpy(buf + used, "...", 4);
	return buf;
}

/* Line and column (1-based) of a byte offset, for reader errors. */
static void offset_position(const unsigned char *text, size_t len,
			    size_t offset, int *line, int *col)
{
	*line = 1;
	*col = 1;
	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		unsigned char c = text[i];
		if (c == '\n' || (c == '\r' && (i + 1 >= len ||
						text[i + 1] != '\n'))) {
			(*line)++;
			*col = 1;
		} else if (c != '\r' && (c & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* Turns libyaml's own error into ours, with its position. */
static int syntax_error(struct yaml_reader *rd)
{
	const yaml_parser_t *p = &rd->parser;
	const char *problem = p->problem != NULL ? p->problem : "unknown";
	int line, col;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		cml_error_set(rd->err, rd->origin, 0, 0,
			      "out of memory while reading YAML");
		return -1;
	case YAML_READER_ERROR:
		offset_position(rd->text, rd->len, p->problem_offset, &line,
				&col);
		if (p->problem_value == 0)
			cml_error_set(rd->err, rd->origin, line, col,
				      "the input contains a NUL byte");
		else if (p->problem_value >= 0)
			cml_error_set(rd->err, rd->origin, line, col,
				      "invalid input: %s (0x%02X)", problem,
				      (unsigned)p->problem_value);
		else
			cml_error_set(rd->err, rd->origin, line, col,
				      "invalid input: %s", problem);
		return -1;
	default:
		if (p->context != NULL)
			return yaml_reader_fail(rd, p->problem_mark, "syntax error: %s "
				       "(%s at line %d, column %d)", problem,
				       p->context, (int)p->context_mark.line + 1,
				       (int)p->context_mark.column + 1);
		return yaml_reader_fail(rd, p->problem_mark, "syntax error: %s",
			       problem);
	}
}

/*
 * Replaces the current event with the next one, refusing what the schema
 * never uses: aliases, anchors, tags and deep nesting.
 */
int yaml_reader_next(struct yaml_reader *rd)
{
	yaml_event_t *ev = &rd->ev;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	char q[YAML_READER_QUOTE_BUF];

	if (rd->have_event) {
		yaml_event_delete(ev);
		rd->have_event = false;
	}
	if (!yaml_parser_parse(&rd->parser, ev))
		return syntax_error(rd);
	rd->have_event = true;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		anchor = ev->data.alias.anchor;
		return yaml_reader_fail(rd, ev->start_mark,
			"aliases (*%s) are not allowed in %s",
			yaml_reader_quote(anchor, strlen((const char *)anchor), q),
			rd->kind);
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		rd->depth++;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		rd->depth++;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		rd->depth--;
		break;
	default:
		break;
	}
	if (anchor != NULL)
		return yaml_reader_fail(rd, ev->start_mark,
			"anchors (&%s) are not allowed in %s",
			yaml_reader_quote(anchor, strlen((const char *)anchor), q),
			rd->kind);
	if (tag != NULL)
		return yaml_reader_fail(rd, ev->start_mark,
			"tags (%s) are not allowed in %s",
			yaml_reader_quote(tag, strlen((const char *)tag), q),
			rd->kind);
	if (rd->depth > rd->max_depth)
		return yaml_reader_fail(rd, ev->start_mark,
			"nesting is deeper than the %d levels %s may use",
			rd->max_depth, rd->kind);
	return 0;
}

/* "a sequence", "a mapping", "a string" (quoted) or "a scalar". */
const char *yaml_reader_node_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SEQUENCE_START_EVENT:
		return "a sequence";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ?
			       "a plain scalar" : "a string";
	default:
		return "nothing";
	}
}

/* True if the current scalar event holds exactly the text s. */
bool yaml_reader_scalar_is(const yaml_event_t *ev, const char *s)
{
	size_t n = strlen(s);

	return ev->data.scalar.length == n &&
	       memcmp(ev->data.scalar.value, s, n) == 0;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Parses the whole of s as a decimal number ([+-]digits[.digits][e[+-]
 * digits], at least one mantissa digit).  Needs the C locale.  Overflow
 * gives +-HUGE_VAL for param_check() to refuse.
 */
int yaml_reader_parse_decimal(const char *s, size_t len, double *out)
{
	size_t i = 0, digits = 0;
	char *end;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && is_digit((unsigned char)s[i]); i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && is_digit((unsigned char)s[i]); i++)
			digits++;
	if (digits == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t expdigits = 0;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && is_digit((unsigned char)s[i]); i++)
			expdigits++;
		if (expdigits == 0)
			return -1;
	}
	if (i != len)
		return -1;
	*out = strtod(s, &end);
	return end == s + len ? 0 : -1;
}

/* True if s reads as YAML's infinity or not-a-number (.inf, NaN, ...). */
bool yaml_reader_is_nonfinite_word(const char *s)
{
	static const char *const words[] = {
		".inf", "+.inf", "-.inf", ".nan", "inf", "+inf", "-inf",
		"nan", "infinity", "+infinity", "-infinity",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t j = 0;
		for (; s[j] != '\0' && words[i][j] != '\0'; j++) {
			char c = s[j] >= 'A' && s[j] <= 'Z' ?
					 (char)(s[j] - 'A' + 'a') : s[j];
			if (c != words[i][j])
				break;
		}
		if (s[j] == '\0' && words[i][j] == '\0')
			return true;
	}
	return false;
}

/*
 * Reads the next node as a number for key (prefix says where, e.g.
 * "type 2: "); only plain scalars in decimal notation qualify.  The range
 * is left to the caller.
 */
int yaml_reader_number(struct yaml_reader *rd, const char *prefix,
		       const char *key, double *value, yaml_mark_t *mark)
{
	const yaml_event_t *ev = &rd->ev;
	const char *s;
	size_t len;
	char q[YAML_READER_QUOTE_BUF];

	if (yaml_reader_next(rd) != 0)
		return -1;
	*mark = ev->start_mark;
	if (ev->type != YAML_SCALAR_EVENT)
		return yaml_reader_fail(rd, ev->start_mark,
			"%s%s must be a number, not %s", prefix, key,
			yaml_reader_node_kind(ev));
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return yaml_reader_fail(rd, ev->start_mark,
			"%s%s must be a number, not a string (remove the "
			"quotes)", prefix, key);
	s = (const char *)ev->data.scalar.value;
	len = ev->data.scalar.length;
	if (len == 0)
		return yaml_reader_fail(rd, ev->start_mark,
			"%s%s must be a number, but no value is given", prefix,
			key);
	if (yaml_reader_parse_decimal(s, len, value) == 0)
		return 0;
	yaml_reader_quote((const unsigned char *)s, len, q);
	if (strlen(s) == len && yaml_reader_is_nonfinite_word(s))
		return yaml_reader_fail(rd, ev->start_mark,
			"%s%s must be a finite number, not '%s'", prefix, key,
			q);
	if (len > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' ||
					s[1] == 'o' || s[1] == 'b'))
		return yaml_reader_fail(rd, ev->start_mark,
			"%s%s must be a decimal number, not '%s'", prefix, key,
			q);
	return yaml_reader_fail(rd, ev->start_mark,
		"%s%s must be a number, not '%s'", prefix, key, q);
}

/* Reads the next node as text of at most size - 1 bytes into buf. */
int yaml_reader_string(struct yaml_reader *rd, const char *prefix,
		       const char *key, char *buf, size_t size)
{
	const yaml_event_t *ev = &rd->ev;
	size_t len;

	if (yaml_reader_next(rd) != 0)
		return -1;
	if (ev->type != YAML_SCALAR_EVENT)
		return yaml_reader_fail(rd, ev->start_mark,
			"%s%s must be a string, not %s", prefix, key,
			yaml_reader_node_kind(ev));
	len = ev->data.scalar.length;
	if (len > size - 1)
		return yaml_reader_fail(rd, ev->start_mark,
			"%s%s is %zu bytes long; at most %zu are allowed",
			prefix, key, len, size - 1);
	if (memchr(ev->data.scalar.value, '\0', len) != NULL)
		return yaml_reader_fail(rd, ev->start_mark,
			"%s%s contains a NUL character", prefix, key);
	memcpy(buf, ev->data.scalar.value, len);
	buf[len] = '\0';
	return 0;
}

/* Writes "a, b, c" into buf. */
void yaml_reader_join_keys(const char *const keys[], int nkeys, char *buf,
			   size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < nkeys && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s",
				 i > 0 ? ", " : "", keys[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/*
 * Reads the next key of a mapping whose keys are keys[0..nkeys-1].
 * Returns 1 at the end of the mapping, 0 with *index set, -1 on error
 * (not a string, unknown, or already seen: seen[] and marks[] track that).
 */
int yaml_reader_key(struct yaml_reader *rd, const char *prefix,
		    const char *const keys[], int nkeys, bool seen[],
		    yaml_mark_t marks[], int *index)
{
	const yaml_event_t *ev = &rd->ev;
	char q[YAML_READER_QUOTE_BUF], list[256];

	if (yaml_reader_next(rd) != 0)
		return -1;
	if (ev->type == YAML_MAPPING_END_EVENT)
		return 1;
	if (ev->type != YAML_SCALAR_EVENT)
		return yaml_reader_fail(rd, ev->start_mark,
			"%skeys must be strings, not %s", prefix,
			yaml_reader_node_kind(ev));
	for (int i = 0; i < nkeys; i++) {
		if (!yaml_reader_scalar_is(ev, keys[i]))
			continue;
		if (seen[i])
			return yaml_reader_fail(rd, ev->start_mark,
				"%sduplicate key '%s' (first at line %d, "
				"column %d)", prefix, keys[i],
				(int)marks[i].line + 1,
				(int)marks[i].column + 1);
		seen[i] = true;
		marks[i] = ev->start_mark;
		*index = i;
		return 0;
	}
	yaml_reader_join_keys(keys, nkeys, list, sizeof(list));
	return yaml_reader_fail(rd, ev->start_mark,
		"%sunknown key '%s'; allowed keys: %s", prefix,
		yaml_reader_quote(ev->data.scalar.value,
				  ev->data.scalar.length, q),
		list);
}
