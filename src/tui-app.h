/*
 * tui-app.h - the explorer's entry points.
 *
 * tui_run() is what "cmlcontract [FILE|PRESET]" calls.  The finer calls
 * let tests and the benchmark drive the same app on a virtual terminal:
 * init, start, then for each key tui_app_key(), tui_app_settle() with
 * its flags and tui_app_draw().
 */
#ifndef CML_TUI_APP_H
#define CML_TUI_APP_H

#include <stddef.h>

#include "tui.h"

struct lesson;

/*
 * Runs the explorer on the terminal until the user quits.  path is the
 * scenario's file ("" for a preset), source how reports name it; with a
 * lesson (may be NULL), it starts at its first step.  Returns 0, or -1
 * with a reason (no terminal, unknown TERM) in why.
 */
int tui_run(const struct tui_options *opt, const struct scenario *sc,
	    const char *path, const char *source,
	    const struct lesson *lesson, char *why, size_t size);

int tui_app_init(struct app *app, const struct tui_options *opt,
		 const struct scenario *sc, const char *path,
		 const char *source);
/* After curses is open: size the layout, solve, show the notes. */
void tui_app_start(struct app *app);
/* After tui_app_start(): runs lesson from its first step instead of
   showing the notes. */
void tui_app_start_lesson(struct app *app, const struct lesson *lesson);
/* Handles one key (curses code, or TUI_KEY_UNKNOWN from tui-term.h);
   returns flags for tui_app_settle(). */
int tui_app_key(struct app *app, int key);
/*
 * Handles a bracketed paste (text as received): its first line goes into
 * an open edit field or prompt as text; elsewhere it is ignored, never
 * read as keys.  Returns flags.
 */
int tui_app_paste(struct app *app, const char *text);
/* Acts on flags: re-solve, relayout, repaint. */
void tui_app_settle(struct app *app, int flags);
/* Draws the whole screen from state and refreshes once. */
void tui_app_draw(struct app *app);

/*
 * Shows the worker's answer if one has come (the loop calls it when the
 * worker's descriptor is readable).  True if the screen changed.
 */
bool tui_app_take_answer(struct app *app);

/* Blocks until the running solve, if any, is answered, and shows it. */
void tui_app_wait_solve(struct app *app);
void tui_app_free(struct app *app);

#endif
