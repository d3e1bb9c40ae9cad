/*
 * tui-draw.c - clipped text, boxes, bars and glyphs on stdscr.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui-draw.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textsafe.h"
#include "tui-term.h"

static const char *const glyphs_utf8[GLYPH_COUNT] = {
	[GLYPH_PASS] = "\u2713", [GLYPH_FAIL] = "\u2717",
	[GLYPH_MARK] = "\u25c6", [GLYPH_UP] = "\u25b2",
	[GLYPH_DOWN] = "\u25bc", [GLYPH_DOT] = "\u00b7",
};
static const char *const glyphs_ascii[GLYPH_COUNT] = {
	[GLYPH_PASS] = "+", [GLYPH_FAIL] = "X", [GLYPH_MARK] = "T",
	[GLYPH_UP] = "^", [GLYPH_DOWN] = "v", [GLYPH_DOT] = "|",
};

static bool unicode_text = true;

const char *draw_glyph(const struct app *app, enum tui_glyph g)
{
	return app->utf8 ? glyphs_utf8[g] : glyphs_ascii[g];
}

void draw_set_unicode(bool unicode)
{
	unicode_text = unicode;
}

/* Decodes one character; invalid bytes become '?' of width 1. */
static size_t next_char(const char *s, wchar_t *wc, int *cols)
{
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		*cols = 1;
		return 1;
	}
	*cols = wcwidth(*wc);
	if (*cols < 0) {
		*wc = L'?';
		*cols = 1;
	}
	return n;
}

int draw_width(const char *s)
{
	char esc[TEXTSAFE_ESCAPE_MAX];
	int total = 0, cols;
	wchar_t wc;

	while (*s) {
		size_t n = textsafe_escape_at(s, esc);
		if (n > 0) {
			s += n;
			total += (int)strlen(esc);
			continue;
		}
		s += next_char(s, &wc, &cols);
		total += cols;
	}
	return total;
}

/*
 * Draws an escape (plain ASCII) if it fits in the columns left; a part
 * of one would read as something else, so it is all or nothing.
 */
static int draw_escape(const char *esc, int left)
{
	int len = (int)strlen(esc);

	if (len > left)
		return -1;
	addstr(esc);
	return len;
}

int draw_text(int y, int x, int width, enum tui_role role, const char *s)
{
	int used = 0, cols;
	wchar_t wc, one[2] = { 0, 0 };

	if (width <= 0)
		return 0;
	attrset(tui_attr(role));
	move(y, x);
	while (*s) {
		/* Names, notes and messages are user text: a control
		   character is drawn as its escape, never sent to curses. */
		char esc[TEXTSAFE_ESCAPE_MAX];
		size_t n = textsafe_escape_at(s, esc);
		if (n > 0) {
			cols = draw_escape(esc, width - used);
			if (cols < 0)
				break;
			used += cols;
			s += n;
			continue;
		}
		n = next_char(s, &wc, &cols);
		if (used + cols > width)
			break;
		if (wc >= 0x80 && !unicode_text) {
			wc = L'?';
			cols = 1;
		}
		if (wc < 0x80) {
			addch((chtype)(unsigned char)wc);
		} else {
			one[0] = wc;
			addnwstr(one, 1);
		}
		used += cols;
		s += n;
	}
	attrset(A_NORMAL);
	return used;
}

int draw_textf(int y, int x, int width, enum tui_role role, const char *fmt,
	       ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return draw_text(y, x, width, role, buf);
}

int draw_text_right(int y, int x, int width, enum tui_role role,
		    const char *s)
{
	int w = draw_width(s);

	if (w > width)
		return draw_text(y, x, width, role, s);
	return draw_text(y, x + width - w, w, role, s);
}

void draw_fill(int y, int x, int width, enum tui_role role)
{
	if (width <= 0)
		return;
	attrset(tui_attr(role));
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
}

void draw_box(const struct app *app, struct rect r, const char *title,
	      bool focused)
{
	enum tui_role role = focused ? ROLE_FOCUS : ROLE_BORDER;
	const char *h = app->utf8 ? "\u2500" : "-";
	const char *v = app->utf8 ? "\u2502" : "|";
	const char *corner[4] = { "+", "+", "+", "+" };

	if (r.w < 2 || r.h < 2)
		return;
	if (app->utf8) {
		corner[0] = "\u250c";
		corner[1] = "\u2510";
		corner[2] = "\u2514";
		corner[3] = "\u2518";
	}
	for (int x = r.x + 1; x < r.x + r.w - 1; x++) {
		draw_text(r.y, x, 1, role, h);
		draw_text(r.y + r.h - 1, x, 1, role, h);
	}
	for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
		draw_text(y, r.x, 1, role, v);
		draw_text(y, r.x + r.w - 1, 1, role, v);
	}
	draw_text(r.y, r.x, 1, role, corner[0]);
	draw_text(r.y, r.x + r.w - 1, 1, role, corner[1]);
	draw_text(r.y + r.h - 1, r.x, 1, role, corner[2]);
	draw_text(r.y + r.h - 1, r.x + r.w - 1, 1, role, corner[3]);
	if (title != NULL && r.w > 6) {
		char buf[128];
		snprintf(buf, sizeof(buf), " %s ", title);
		draw_text(r.y, r.x + 2, r.w - 4, focused ? ROLE_FOCUS : ROLE_TITLE,
			  buf);
	}
}

void draw_bar(const struct app *app, int y, int x, int eighths, char fill,
	      enum tui_role role)
{
	static const char *const partial[8] = {
		"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a",
		"\u2589",
	};
	int full = eighths / 8, rest = eighths % 8;
	char ascii[2] = { fill, '\0' };

	if (!app->utf8) {
		full += rest >= 4;
		for (int k = 0; k < full; k++)
			draw_text(y, x + k, 1, role, ascii);
		return;
	}
	for (int k = 0; k < full; k++)
		draw_text(y, x + k, 1, role, "\u2588");
	if (rest > 0)
		draw_text(y, x + full, 1, role, partial[rest]);
}

/* One wrapped line: drawn if it falls in the window [skip, skip + lines). */
static void wrap_emit(const char *line, int at, int y, int x, int width,
		      int lines, int skip, enum tui_role role)
{
	if (at >= skip && at - skip < lines)
		draw_text(y + at - skip, x, width, role, line);
}

int tui_wrap_text(const char *text, int y, int x, int width, int lines,
		  int skip, enum tui_role role)
{
	char line[512], word[256];
	int at = 0, len = 0;
	const char *p = text;

	line[0] = '\0';
	for (;;) {
		/* Next word, or a newline (kept: the source is hand-wrapped
		   prose, but a blank line is a paragraph). */
		while (*p == ' ')
			p++;
		if (*p == '\0' || (*p == '\n' && p[1] == '\n')) {
			if (len > 0)
				wrap_emit(line, at++, y, x, width, lines, skip, role);
			if (*p == '\0')
				break;
			p += 2;
			at++; /* blank line between paragraphs */
			len = 0;
			line[0] = '\0';
			continue;
		}
		if (*p == '\n') {
			p++;
			continue;
		}
		int n = 0;
		while (*p && *p != ' ' && *p != '\n' && n < (int)sizeof(word) - 1)
			word[n++] = *p++;
		word[n] = '\0';
		int need = draw_width(word) + (len > 0);
		if (len > 0 && draw_width(line) + need > width) {
			wrap_emit(line, at++, y, x, width, lines, skip, role);
			len = 0;
			line[0] = '\0';
		}
		if (len + n + 2 < (int)sizeof(line)) {
			if (len > 0)
				line[len++] = ' ';
			memcpy(line + len, word, (size_t)n + 1);
			len += n;
		}
	}
	return at;
}


int draw_scroll(struct app *app, enum pane_kind kind, struct rect r,
		int total, int fits)
{
	int *first = &app->scroll[kind];
	char mark[32];

	if (fits < 0)
		fits = 0;
	if (*first > total - fits)
		*first = total - fits;
	if (*first < 0)
		*first = 0;
	int below = total - fits - *first;
	if (*first > 0) {
		snprintf(mark, sizeof(mark), " %s %d more ",
			 app->utf8 ? "\u2191" : "^", *first);
		draw_text_right(r.y, r.x + 1, r.w - 2, ROLE_WARN, mark);
	}
	if (below > 0) {
		snprintf(mark, sizeof(mark), " %s %d more ",
			 app->utf8 ? "\u2193" : "v", below);
		draw_text_right(r.y + r.h - 1, r.x + 1, r.w - 2, ROLE_WARN, mark);
	}
	return *first;
}
