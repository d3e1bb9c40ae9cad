/*
 * tui-pane-types.c - the editable pane: global parameters and the types.
 *
 * The first rows are N, then each parameter of the accuracy family, then
 * each of the valuation family (N, a_opt, k and scale for sgb and linear);
 * then a heading, then one row per type with three cells (name, cost,
 * probability).  The
 * cursor (app->row, app->col) picks a cell; the loop edits it.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>

#include "numfmt.h"
#include "tui-actions.h"
#include "tui-draw.h"
#include "tui-lineedit.h"
#include "tui-modal.h"
#include "tui.h"

/* Columns inside the pane, from its inner width. */
struct columns {
	int number, name, cost, prob; /* x offsets */
	int name_w, cost_w, prob_w;
};

static struct columns columns_for(int inner)
{
	struct columns c;

	c.cost_w = 10;
	c.prob_w = 9;
	c.number = 0;
	c.name = 3;
	c.name_w = inner - 3 - 1 - c.cost_w - 1 - c.prob_w;
	if (c.name_w < 4)
		c.name_w = 4;
	c.cost = c.name + c.name_w + 1;
	c.prob = c.cost + c.cost_w + 1;
	return c;
}

/* The edit target at (row, col) of the types pane. */
static struct edit_target target_at(const struct scenario *sc, int row,
				    int col)
{
	int accuracy = sc->accuracy.family->nparams;

	if (row == 0)
		return (struct edit_target){ EDIT_PARTICIPANTS, 0 };
	if (row <= accuracy)
		return (struct edit_target){ EDIT_ACCURACY, row - 1 };
	if (row < types_global_rows(sc))
		return (struct edit_target){ EDIT_VALUATION,
					     row - 1 - accuracy };
	enum edit_field field = col == 0 ? EDIT_NAME : col == 1 ? EDIT_COST :
								   EDIT_PROB;
	return (struct edit_target){ field, row - types_global_rows(sc) };
}

/* Screen line of content row `row` (globals, heading, types). */
static int line_of(const struct scenario *sc, int row)
{
	return row < types_global_rows(sc) ? row : row + 1;
}

/* The value shown in a cell. */
static void cell_text(const struct app *app, int row, int col, char *buf,
		      size_t size)
{
	struct edit_target t = target_at(&app->scenario, row, col);

	if (t.field == EDIT_NAME) {
		snprintf(buf, size, "%s", app->scenario.types[t.index].name);
		return;
	}
	double v = edit_get(&app->scenario, t);
	if (t.field == EDIT_PARTICIPANTS)
		snprintf(buf, size, "%d", (int)v);
	else
		snprintf(buf, size, "%.6g", v);
}

/* Where (row, col) is drawn: x offset and width inside the pane. */
static void cell_box(const struct scenario *sc, int inner, int row, int col,
		     int *x, int *w)
{
	struct columns c = columns_for(inner);

	if (row < types_global_rows(sc)) {
		*x = 8;
		*w = 12;
	} else if (col == 0) {
		*x = c.name;
		*w = c.name_w;
	} else if (col == 1) {
		*x = c.cost;
		*w = c.cost_w;
	} else {
		*x = c.prob;
		*w = c.prob_w;
	}
}

/* Keeps the cursor's line inside the pane. */
static void scroll_to_cursor(struct app *app, int visible)
{
	int line = line_of(&app->scenario, app->row);
	int *first = &app->scroll[PANE_TYPES];

	if (line < *first)
		*first = line;
	if (line >= *first + visible)
		*first = line - visible + 1;
	if (*first < 0)
		*first = 0;
}

static void draw_cell(struct app *app, int y, int x0, int inner, int row,
		      int col, bool focused)
{
	char text[128];
	int x, w, cursor_x, globals = types_global_rows(&app->scenario);
	bool selected = app->row == row &&
			(row < globals || app->col == col);
	enum tui_role role = ROLE_NORMAL;

	cell_box(&app->scenario, inner, row, col, &x, &w);
	if (selected && app->editing) {
		line_edit_draw(&app->edit, y, x0 + x, w, ROLE_EDIT, &cursor_x);
		return;
	}
	cell_text(app, row, col, text, sizeof(text));
	if (row >= globals && col == 2 &&
	    (app->changed_mask >> (row - globals) & 1))
		role = ROLE_CHANGED;
	if (selected)
		role = focused ? ROLE_CURSOR : ROLE_LABEL;
	if (col == 0 && row >= globals) {
		draw_fill(y, x0 + x, w, role);
		draw_text(y, x0 + x, w, role, text);
	} else if (row < globals) {
		draw_fill(y, x0 + x, w, role);
		draw_text(y, x0 + x, w, role, text);
	} else {
		draw_fill(y, x0 + x, w, role);
		draw_text_right(y, x0 + x, w, role, text);
	}
}

static void types_draw(struct app *app, struct rect r, bool focused)
{
	const struct scenario *sc = &app->scenario;
	int inner = r.w - 2, visible = r.h - 2, x0 = r.x + 1;
	int globals = types_global_rows(sc), rows = globals + sc->ntypes;
	struct columns c = columns_for(inner);
	char title[64];

	snprintf(title, sizeof(title), "Types (%d)", sc->ntypes);
	draw_box(app, r, title, focused);
	scroll_to_cursor(app, visible);
	/* The lines: the globals, the heading, one per type. */
	int first = draw_scroll(app, PANE_TYPES, r, line_of(sc, rows), visible);
	for (int line = 0; line < visible; line++) {
		int content = line + first, y = r.y + 1 + line;
		if (content < globals) {
			/* Each parameter is labelled by its own descriptor. */
			const struct param_desc *d = edit_param(
				sc, target_at(sc, content, 0));
			draw_text(y, x0 + 1, 7, ROLE_LABEL,
				  content == 0 ? "N" : d->label);
			draw_cell(app, y, x0, inner, content, 0, focused);
			if (draw_width(d->unit) <= inner - 21)
				draw_text(y, x0 + 21, inner - 21, ROLE_DIM, d->unit);
		} else if (content == globals) {
			draw_text(y, x0 + c.number, 2, ROLE_LABEL, " #");
			draw_text(y, x0 + c.name, c.name_w, ROLE_LABEL, "name");
			draw_text_right(y, x0 + c.cost, c.cost_w, ROLE_LABEL,
					"cost");
			draw_text_right(y, x0 + c.prob, c.prob_w, ROLE_LABEL,
					"prob");
		} else if (content <= rows) {
			int row = content - 1;
			int type = row - globals;
			draw_textf(y, x0, 2, ROLE_LABEL, "%2d", type + 1);
			/* In the gap before the name: an outside option of
			   its own (O edits it; the man page says so). */
			if (sc->types[type].outside.kind != OUTSIDE_COMMON)
				draw_text(y, x0 + 2, 1, ROLE_LABEL, "+");
			for (int col = 0; col < 3; col++)
				draw_cell(app, y, x0, inner, row, col, focused);
		}
	}
}

static void types_cursor(const struct app *app, struct rect r, int *y,
			 int *x)
{
	int cx, w;

	cell_box(&app->scenario, r.w - 2, app->row, app->col, &cx, &w);
	*y = r.y + 1 + line_of(&app->scenario, app->row) -
	     app->scroll[PANE_TYPES];
	*x = r.x + 1 + cx;
	if (app->editing) {
		/* The editor's own cursor: recompute as line_edit_draw does. */
		char before[sizeof(app->edit.text)];
		snprintf(before, sizeof(before), "%.*s", app->edit.pos,
			 app->edit.text);
		int bw = draw_width(before);
		*x += bw < w ? bw : w - 1;
	}
}

/* A click selects the cell under it. */
static int types_click(struct app *app, struct rect r, int y, int x)
{
	int line = y - r.y - 1 + app->scroll[PANE_TYPES], inner = r.w - 2;
	int globals = types_global_rows(&app->scenario);
	int row = line < globals ? line : line == globals ? -1 : line - 1;

	if (row < 0 || row >= globals + app->scenario.ntypes)
		return TUI_NOTHING;
	app->row = row;
	for (int col = 0; col < 3 && row >= globals; col++) {
		int cx, w;
		cell_box(&app->scenario, inner, row, col, &cx, &w);
		if (x - r.x - 1 >= cx && x - r.x - 1 < cx + w)
			app->col = col;
	}
	return TUI_REDRAW;
}

/* Starts editing the selected cell, with its text or the typed key. */
static int start_edit(struct app *app, int first_key)
{
	char text[128];

	if (first_key != 0) {
		text[0] = (char)first_key;
		text[1] = '\0';
	} else {
		cell_text(app, app->row, app->col, text, sizeof(text));
	}
	line_edit_start(&app->edit, text);
	app->editing = true;
	return TUI_REDRAW;
}

/* Commits a finished edit; a refused value keeps the editor open. */
static int finish_edit(struct app *app)
{
	struct edit_target t = target_at(&app->scenario, app->row, app->col);
	struct scenario next;
	char why[256];
	int moved = t.index, rc;

	if (t.field == EDIT_NAME)
		rc = edit_rename(&app->scenario, t.index, app->edit.text, &next,
				 why, sizeof(why));
	else
		rc = edit_set_text(&app->scenario, t, app->edit.text, &next,
				   &moved, why, sizeof(why));
	if (rc != 0) {
		tui_message(app, true, "refused: %s (Esc cancels)", why);
		return TUI_REDRAW;
	}
	app->editing = false;
	return tui_edit_done(app, &next, t, moved);
}

/* A nudge of the selected value by steps percent (N: by one). */
static int nudge(struct app *app, int steps)
{
	struct edit_target t = target_at(&app->scenario, app->row, app->col);
	struct scenario next;
	char why[256];
	int moved = t.index;

	if (t.field == EDIT_NAME) {
		tui_message(app, true, "select a cost or probability to nudge "
			    "(Right)");
		return TUI_REDRAW;
	}
	if (edit_nudge(&app->scenario, t, steps, &next, &moved, why,
		       sizeof(why)) != 0) {
		tui_message(app, true, "refused: %s", why);
		return TUI_REDRAW;
	}
	return tui_edit_done(app, &next, t, moved);
}

/* F on a family's parameter row: the menu of that kind's families. */
static int open_family_menu(struct app *app)
{
	struct edit_target t = target_at(&app->scenario, app->row, app->col);

	if (t.field != EDIT_ACCURACY && t.field != EDIT_VALUATION) {
		tui_message(app, true, "F chooses a family: move to an accuracy "
			    "or valuation row (a_opt, k, scale, ...)");
		return TUI_REDRAW;
	}
	app->family_valuation = t.field == EDIT_VALUATION;
	app->menu_index = 0;
	for (int i = 0; app->family_valuation ? valuation_families[i] != NULL :
						accuracy_families[i] != NULL;
	     i++)
		if (app->family_valuation ?
			    valuation_families[i] == app->scenario.valuation.family :
			    accuracy_families[i] == app->scenario.accuracy.family)
			app->menu_index = i;
	app->modal = MODAL_FAMILY;
	return TUI_REDRAW;
}

static int types_key(struct app *app, int key)
{
	int globals = types_global_rows(&app->scenario);
	int rows = globals + app->scenario.ntypes;
	struct scenario next;
	char why[256];
	int added;

	if (app->editing) {
		switch (line_edit_key(&app->edit, key)) {
		case LINE_EDIT_COMMIT:
			return finish_edit(app);
		case LINE_EDIT_CANCEL:
			app->editing = false;
			tui_message(app, false, "edit cancelled");
			return TUI_REDRAW;
		case LINE_EDIT_CONTINUE:
			break;
		}
		return TUI_REDRAW;
	}
	if ((key >= '0' && key <= '9') || key == '.')
		return app->col == 0 && app->row >= globals ?
			       -1 : start_edit(app, key);
	switch (tui_action_for_key(key)) {
	case ACT_FAMILY:
		return open_family_menu(app);
	case ACT_OUTSIDE:
		if (app->row < globals) {
			tui_message(app, true, "O sets a type's outside option: "
				    "move to a type's row");
			return TUI_REDRAW;
		}
		app->prompt_type = app->row - globals;
		return tui_modal_prompt(app, PROMPT_OUTSIDE);
	case ACT_UP:
		app->row = app->row > 0 ? app->row - 1 : 0;
		return TUI_REDRAW;
	case ACT_DOWN:
		app->row = app->row + 1 < rows ? app->row + 1 : rows - 1;
		return TUI_REDRAW;
	case ACT_HOME:
		app->row = 0;
		return TUI_REDRAW;
	case ACT_END:
		app->row = rows - 1;
		return TUI_REDRAW;
	case ACT_LEFT:
		app->col = app->col > 0 ? app->col - 1 : 0;
		return TUI_REDRAW;
	case ACT_RIGHT:
		app->col = app->col < 2 ? app->col + 1 : 2;
		return TUI_REDRAW;
	case ACT_EDIT:
		return start_edit(app, 0);
	case ACT_NUDGE_UP:
		return nudge(app, 1);
	case ACT_NUDGE_DOWN:
		return nudge(app, -1);
	case ACT_BIG_UP:
		return nudge(app, 10);
	case ACT_BIG_DOWN:
		return nudge(app, -10);
	case ACT_ADD_TYPE: {
		int after = app->row >= globals ?
				    app->row - globals :
				    app->scenario.ntypes - 1;
		if (edit_add_type(&app->scenario, after, &next, &added, why,
				  sizeof(why)) != 0) {
			tui_message(app, true, "refused: %s", why);
			return TUI_REDRAW;
		}
		app->row = globals + added;
		app->col = 1;
		tui_message(app, false, "added %s; the other probabilities were "
			    "scaled to make room", next.types[added].name);
		return tui_commit(app, &next) | TUI_RELAYOUT;
	}
	case ACT_DELETE_TYPE: {
		if (app->row < globals) {
			tui_message(app, true, "select a type to delete");
			return TUI_REDRAW;
		}
		int type = app->row - globals;
		char name[CML_NAME_MAX];
		snprintf(name, sizeof(name), "%s", app->scenario.types[type].name);
		if (edit_delete_type(&app->scenario, type, &next, why,
				     sizeof(why)) != 0) {
			tui_message(app, true, "refused: %s", why);
			return TUI_REDRAW;
		}
		if (app->row >= globals + next.ntypes)
			app->row--;
		tui_message(app, false, "deleted %s; the other probabilities "
			    "were scaled up (u undoes)", name);
		return tui_commit(app, &next) | TUI_RELAYOUT;
	}
	default:
		return -1;
	}
}

const struct tui_pane_ops tui_pane_types = {
	.kind = PANE_TYPES,
	.draw = types_draw,
	.key = types_key,
	.click = types_click,
	.cursor = types_cursor,
};
