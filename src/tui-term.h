/*
 * tui-term.h - the terminal: curses setup, colours and teardown.
 *
 * The one module that opens and closes curses (like htop's CRT.c): it
 * checks that there is a terminal it knows, picks UTF-8 or ASCII
 * drawing, sets a short ESCDELAY unless the user set one, chooses colour
 * or monochrome (NO_COLOR, --no-color) and owns the colour scheme.  It
 * reads the keys too: what curses leaves undecoded goes through the
 * decoder of tui-keys.h, so that no escape sequence is ever taken for Esc
 * and characters, and bracketed paste is switched on for a real terminal.
 * The terminal is restored before any message is printed on the way out.
 */
#ifndef CML_TUI_TERM_H
#define CML_TUI_TERM_H

#include <stddef.h>

#include "tui.h"

/*
 * Opens curses on the controlling terminal for app (sets app->utf8).
 * Returns 0, or -1 with a one-line reason and fix in why (curses is not
 * left open).
 */
int tui_term_open(struct app *app, char *why, size_t size);

/* Opens curses on a fixed-size virtual terminal writing to out (tests). */
int tui_term_open_virtual(struct app *app, int width, int height,
			  const char *term, char *why, size_t size);

/* Key codes beyond curses' own, as tui_term_read_key() returns them. */
enum {
	TUI_KEY_UNKNOWN = 0x10001, /* an escape sequence dropped whole */
	TUI_KEY_PASTE = 0x10002,   /* a paste: tui_term_paste_text() */
};

/*
 * Reads one key: waits up to wait_ms for it (-1: as long as it takes,
 * 0: not at all), then for the rest of an escape sequence or a paste.
 * Returns a curses key code (27 is Esc alone), TUI_KEY_UNKNOWN,
 * TUI_KEY_PASTE, or ERR if nothing came.
 */
int tui_term_read_key(int wait_ms);

/* The text of the last TUI_KEY_PASTE, as received (lines and control
   characters included); valid until the next read. */
const char *tui_term_paste_text(void);

/* Restores the terminal. */
void tui_term_close(void);

/* The curses attribute (colour pair included) for a role. */
int tui_attr(enum tui_role role);

/* Re-reads the colour scheme from app (after toggling high contrast). */
void tui_term_apply_scheme(const struct app *app);

/* Turns mouse capture on or off. */
void tui_term_set_mouse(bool on);

#endif
