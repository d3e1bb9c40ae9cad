/*
 * tui-draw.h - drawing primitives: clipped text, boxes, bars, glyphs.
 *
 * Everything draws into stdscr, clipped to the given width by display
 * columns (names may be UTF-8).  Glyphs come in a Unicode and an ASCII
 * form; with app->utf8 false not one non-ASCII byte is written.
 */
#ifndef CML_TUI_DRAW_H
#define CML_TUI_DRAW_H

#include "tui.h"

enum tui_glyph {
	GLYPH_PASS,   /* a passed check */
	GLYPH_FAIL,
	GLYPH_MARK,   /* t_i on a histogram */
	GLYPH_UP,     /* incentivised extra */
	GLYPH_DOWN,   /* reduced */
	GLYPH_DOT,    /* separator in the header */
	GLYPH_COUNT
};

const char *draw_glyph(const struct app *app, enum tui_glyph g);

/* Whether text may use non-ASCII characters (else they become '?'). */
void draw_set_unicode(bool unicode);

/* Display width of a UTF-8 string (invalid bytes count one column). */
int draw_width(const char *s);

/* Writes s at (y, x), at most width columns; returns columns written. */
int draw_text(int y, int x, int width, enum tui_role role, const char *s);
int draw_textf(int y, int x, int width, enum tui_role role, const char *fmt,
	       ...) __attribute__((format(printf, 5, 6)));
/* Right-aligned in width columns. */
int draw_text_right(int y, int x, int width, enum tui_role role,
		    const char *s);

/* Fills width columns with spaces in a role. */
void draw_fill(int y, int x, int width, enum tui_role role);

/* A pane border with its title; the focused pane's is highlighted. */
/*
 * A pane that lists total items but has room for fits of them: clamps
 * the pane's scroll offset (app->scroll[kind], moved by the arrow keys
 * when the pane has focus), marks what is hidden on the box's borders
 * ("\u2191 2 more" above, "\u2193 3 more" below; "^" and "v" in ASCII) and
 * returns the first item to draw.
 */
int draw_scroll(struct app *app, enum pane_kind kind, struct rect r,
		int total, int fits);

void draw_box(const struct app *app, struct rect r, const char *title,
	      bool focused);

/*
 * A horizontal bar of eighths/8 cells (Unicode eighth blocks, or '#' per
 * full cell in ASCII with halves rounded); fill is the ASCII character.
 */
void draw_bar(const struct app *app, int y, int x, int eighths, char fill,
	      enum tui_role role);

/*
 * Draws text word-wrapped into width columns from line y: the wrapped
 * lines skip to skip + lines - 1 (a window for scrolling); a blank line
 * in the text starts a new paragraph.  Returns how many lines the whole
 * text takes.
 */
int tui_wrap_text(const char *text, int y, int x, int width, int lines,
		  int skip, enum tui_role role);

#endif
