/*
 * tui-lineedit.h - a one-line text editor for cells and prompts.
 */
#ifndef CML_TUI_LINEEDIT_H
#define CML_TUI_LINEEDIT_H

#include "tui.h"

enum line_edit_result {
	LINE_EDIT_CONTINUE, /* keep editing */
	LINE_EDIT_COMMIT,   /* Enter */
	LINE_EDIT_CANCEL,   /* Esc */
};

/* Starts editing text (cursor at the end). */
void line_edit_start(struct line_edit *e, const char *text);

/*
 * Applies one key: printable characters insert, Backspace and Delete
 * remove, Left/Right/Home/End (and Ctrl-A/E) move, Ctrl-U clears.
 */
enum line_edit_result line_edit_key(struct line_edit *e, int key);

/* Inserts text (a paste, already one line of printable bytes) at the
   cursor; what does not fit is left out, never half a character. */
void line_edit_insert(struct line_edit *e, const char *text);

/*
 * Draws the editor in width columns at (y, x), scrolled so the cursor is
 * visible; *cursor_x receives the cursor's screen column.
 */
void line_edit_draw(const struct line_edit *e, int y, int x, int width,
		    enum tui_role role, int *cursor_x);

#endif
