/*
 * tui-lesson.h - the explorer's guided tour (cmlcontract lesson).
 *
 * The lesson (lesson.h) is loaded by the command; the explorer shows its
 * current step in a strip above the message line.  Space or PageDown
 * goes on, Backspace or PageUp goes back, Esc leaves (L resumes); every
 * other key keeps its meaning, so the student edits inside a step.
 */
#ifndef CML_TUI_LESSON_H
#define CML_TUI_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "lesson.h"
#include "tui-actions.h"
#include "tui.h"

/* True while a lesson is shown. */
bool tui_lesson_on(const struct app *app);

/* Starts lesson (which outlives the app) at its first step; flags. */
int tui_lesson_start(struct app *app, const struct lesson *lesson);

/* Next, back, leave, resume; flags. */
int tui_lesson_action(struct app *app, enum tui_action_id action);

/* Rows the strip wants on a width x height screen (0: no lesson shown). */
int tui_lesson_rows(const struct app *app, int width, int height);

/* Draws the strip in r. */
void tui_lesson_draw(struct app *app, struct rect r);

/* The current step's text with its numbers filled in. */
void tui_lesson_fill(const struct app *app, char *out, size_t size);

/* True if the current step's text needs the complete-information
   benchmark. */
bool tui_lesson_needs_complete(const struct app *app);

/*
 * The type the current step picks out (0-based) and the option with it
 * (-1 for none).  False when no lesson is shown or it picks out none.
 */
bool tui_lesson_highlight(const struct app *app, int *type, int *option);

#endif
