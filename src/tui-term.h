/*
 * tui-term.h - the terminal: curses setup, colours and teardown.
 *
 * The one module that opens and closes curses (like htop's CRT.c): it
 * checks that there is a terminal it knows, picks UTF-8 or ASCII
 * drawing, sets a short ESCDELAY unless the user set one, chooses colour
 * or monochrome (NO_COLOR, --no-color) and owns the colour scheme.  The
 * terminal is restored before any message is printed on the way out.
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

/* Restores the terminal. */
void tui_term_close(void);

/* The curses attribute (colour pair included) for a role. */
int tui_attr(enum tui_role role);

/* Re-reads the colour scheme from app (after toggling high contrast). */
void tui_term_apply_scheme(const struct app *app);

/* Turns mouse capture on or off. */
void tui_term_set_mouse(bool on);

#endif
