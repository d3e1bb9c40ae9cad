/*
 * tui-pane-notes.c - the scenario's description: what to notice.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "tui-draw.h"
#include "tui.h"

static void notes_draw(struct app *app, struct rect r, bool focused)
{
	const char *text = app->scenario.description;

	draw_box(app, r, "Notes: what to notice", focused);
	if (text[0] == '\0')
		text = "This scenario has no notes. Add a 'description' to its "
		       "YAML file to show lecture notes here.";
	/* Lay the text out once to count its lines, then draw the window. */
	int total = tui_wrap_text(text, r.y + 1, r.x + 2, r.w - 4, 0, 0,
				  ROLE_NORMAL);
	int first = draw_scroll(app, PANE_NOTES, r, total, r.h - 2);
	tui_wrap_text(text, r.y + 1, r.x + 2, r.w - 4, r.h - 2, first,
		      ROLE_NORMAL);
}

const struct tui_pane_ops tui_pane_notes = {
	.kind = PANE_NOTES,
	.scrolls = true,
	.draw = notes_draw,
};
