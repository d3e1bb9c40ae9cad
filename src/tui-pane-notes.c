/*
 * tui-pane-notes.c - the scenario's description: what to notice.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <string.h>

#include "presets.h"
#include "tui-draw.h"
#include "tui.h"

/*
 * True if the scenario came from a preset and no longer is it: the
 * preset's notes then describe something else.
 */
static bool edited_preset(const struct app *app, const char **name)
{
	/* Parsed once per preset, not on every redraw; UI thread only. */
	static struct scenario preset;
	static const struct embedded_file *loaded;
	struct cml_error err;
	const struct embedded_file *p = strncmp(app->source, "preset:", 7) == 0 ?
					 preset_find(app->source + 7) : NULL;

	*name = p != NULL ? p->name : "";
	if (p != NULL && p != loaded) {
		loaded = preset_load(p, &preset, &err) == 0 ? p : NULL;
		if (loaded == NULL)
			return false;
	}
	return p != NULL && !scenario_equal(&preset, &app->scenario);
}

static void notes_draw(struct app *app, struct rect r, bool focused)
{
	const char *text = app->scenario.description, *name;
	struct rect body = r;

	draw_box(app, r, "Notes: what to notice", focused);
	if (edited_preset(app, &name) && r.h > 3) {
		draw_textf(r.y + 1, r.x + 2, r.w - 4, ROLE_WARN,
			   "Edited: no longer the preset %s these notes describe "
			   "(R resets it)", name);
		body.y++;
		body.h--;
	}
	r = body;
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
