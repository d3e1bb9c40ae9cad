/*
 * textsafe.c - visible escapes for control characters in user text.
 */
#include "textsafe.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Is c a UTF-8 continuation byte within [lo, hi]? */
static int in(unsigned char c, unsigned char lo, unsigned char hi)
{
	return c >= lo && c <= hi;
}

/*
 * Length of the well-formed UTF-8 sequence at s (1 for ASCII), or 0 if
 * the bytes there are not one (overlong, surrogate, cut short, > U+10FFFF).
 */
static size_t utf8_length(const unsigned char *s)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (in(c, 0xc2, 0xdf))
		return in(s[1], 0x80, 0xbf) ? 2 : 0;
	if (c == 0xe0)
		return in(s[1], 0xa0, 0xbf) && in(s[2], 0x80, 0xbf) ? 3 : 0;
	if (in(c, 0xe1, 0xec) || in(c, 0xee, 0xef))
		return in(s[1], 0x80, 0xbf) && in(s[2], 0x80, 0xbf) ? 3 : 0;
	if (c == 0xed)
		return in(s[1], 0x80, 0x9f) && in(s[2], 0x80, 0xbf) ? 3 : 0;
	if (c == 0xf0)
		return in(s[1], 0x90, 0xbf) && in(s[2], 0x80, 0xbf) &&
		       in(s[3], 0x80, 0xbf) ? 4 : 0;
	if (in(c, 0xf1, 0xf3))
		return in(s[1], 0x80, 0xbf) && in(s[2], 0x80, 0xbf) &&
		       in(s[3], 0x80, 0xbf) ? 4 : 0;
	if (c == 0xf4)
		return in(s[1], 0x80, 0x8f) && in(s[2], 0x80, 0xbf) &&
		       in(s[3], 0x80, 0xbf) ? 4 : 0;
	return 0;
}

size_t textsafe_escape_at(const char *s, char esc[TEXTSAFE_ESCAPE_MAX])
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == '\0')
		return 0;
	if (u[0] < 0x20 || u[0] == 0x7f) {
		snprintf(esc, TEXTSAFE_ESCAPE_MAX, "\\x%02x", u[0]);
		return 1;
	}
	if (u[0] < 0x80)
		return 0;
	if (utf8_length(u) == 0) {
		snprintf(esc, TEXTSAFE_ESCAPE_MAX, "\\x%02x", u[0]);
		return 1;
	}
	/* U+0080..U+009F are C2 80..C2 9F: CSI, OSC and the rest. */
	if (u[0] == 0xc2 && u[1] <= 0x9f) {
		snprintf(esc, TEXTSAFE_ESCAPE_MAX, "\\u%04x", u[1]);
		return 2;
	}
	return 0;
}

char *textsafe_copy(char *buf, size_t size, const char *s)
{
	size_t used = 0;

	while (*s != '\0') {
		char esc[TEXTSAFE_ESCAPE_MAX];
		size_t in_len = textsafe_escape_at(s, esc);
		const char *piece = esc;
		size_t out_len;

		if (in_len > 0) {
			out_len = strlen(esc);
		} else {
			piece = s;
			in_len = out_len =
				utf8_length((const unsigned char *)s);
		}
		if (used + out_len >= size)
			break;
		memcpy(buf + used, piece, out_len);
		used += out_len;
		s += in_len;
	}
	buf[used] = '\0';
	return buf;
}

void textsafe_fputs(const char *s, FILE *out)
{
	while (*s != '\0') {
		char esc[TEXTSAFE_ESCAPE_MAX];
		size_t n = textsafe_escape_at(s, esc);

		if (n > 0) {
			fputs(esc, out);
			s += n;
		} else {
			n = utf8_length((const unsigned char *)s);
			fwrite(s, 1, n, out);
			s += n;
		}
	}
}

void textsafe_line(FILE *out, const char *fmt, ...)
{
	char small[1024], *text = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* Long messages (a path near PATH_MAX) are written whole. */
	if ((size_t)n >= sizeof(small)) {
		text = malloc((size_t)n + 1);
		if (text != NULL) {
			va_start(ap, fmt);
			vsnprintf(text, (size_t)n + 1, fmt, ap);
			va_end(ap);
		} else {
			text = small;
		}
	}
	textsafe_fputs(text, out);
	fputc('\n', out);
	if (text != small)
		free(text);
}
