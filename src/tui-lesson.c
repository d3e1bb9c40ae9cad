/*
 * tui-lesson.c - the guided tour: a strip above the message line with
 * the step's text, its numbers filled from the contract on screen.
 *
 * Entering a step applies what it does (its scenario, as one undoable
 * change; the pane it shows; the type it picks out).  The scenario only
 * changes where the lesson's own changes: a step that loads or edits, or
 * a step back across one.  So a student's edits inside a step stay
 * while the lesson goes on talking about them, and u brings them back
 * after a step replaced them.
 *
 * On a small screen (a zoomed projector font) the text may not fit its
 * strip: Space and PageDown then page through it before going on, as a
 * pager would, and Backspace and PageUp page back.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui-lesson.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "lesson-text.h"
#include "tui-draw.h"

/* The most of the screen the strip takes, as a fraction in fifths. */
#define STRIP_MAX_FIFTHS 2
/* Border and one line of text. */
#define STRIP_MIN_ROWS 3

bool tui_lesson_on(const struct app *app)
{
	return app->lesson != NULL && app->lesson_on;
}

static const struct lesson_step *current(const struct app *app)
{
	return &app->lesson->steps[app->lesson_step];
}

void tui_lesson_fill(const struct app *app, char *out, size_t size)
{
	lesson_text_fill(current(app)->text, &app->model,
			 app->have_contract ? &app->contract : NULL,
			 &app->scenario, !app->utf8, out, size);
}

bool tui_lesson_needs_complete(const struct app *app)
{
	return tui_lesson_on(app) &&
	       lesson_text_needs_complete(current(app)->text);
}

int tui_lesson_rows(const struct app *app, int width, int height)
{
	static char text[LESSON_TEXT_MAX * 4]; /* UI thread only */

	if (!tui_lesson_on(app) || width < 8)
		return 0;
	tui_lesson_fill(app, text, sizeof(text));
	/* Counted, not drawn: no lines to draw into. */
	int lines = tui_wrap_text(text, 0, 0, width - 4, 0, 0, ROLE_NORMAL);
	int most = height * STRIP_MAX_FIFTHS / 5;
	int rows = lines + 2;
	if (rows > most)
		rows = most;
	return rows < STRIP_MIN_ROWS ? STRIP_MIN_ROWS : rows;
}

bool tui_lesson_highlight(const struct app *app, int *type, int *option)
{
	if (!tui_lesson_on(app) || current(app)->type < 0 ||
	    current(app)->type >= app->contract.ntypes)
		return false;
	*type = current(app)->type;
	*option = current(app)->option < app->contract.ntypes ?
			  current(app)->option : -1;
	return true;
}

void tui_lesson_draw(struct app *app, struct rect r)
{
	static char text[LESSON_TEXT_MAX * 4]; /* UI thread only */
	const struct lesson *l = app->lesson;
	char title[LESSON_TITLE_MAX + 64];
	bool last = app->lesson_step == l->nsteps - 1;

	if (r.h < STRIP_MIN_ROWS)
		return;
	snprintf(title, sizeof(title), "Lesson %d/%d: %s", app->lesson_step + 1,
		 l->nsteps, current(app)->title);
	draw_box(app, r, title, true);
	tui_lesson_fill(app, text, sizeof(text));
	int lines = tui_wrap_text(text, 0, 0, r.w - 4, 0, 0, ROLE_NORMAL);
	int fits = r.h - 2;
	if (app->lesson_scroll > lines - fits)
		app->lesson_scroll = lines - fits > 0 ? lines - fits : 0;
	tui_wrap_text(text, r.y + 1, r.x + 2, r.w - 4, fits, app->lesson_scroll,
		      ROLE_NORMAL);
	/* The keys on the bottom border, the most that fit. */
	const char *dot = app->utf8 ? " \u00b7 " : " - ";
	char keys[3][96];
	snprintf(keys[0], sizeof(keys[0]), " %s%sBackspace back%sEsc leave ",
		 last ? "the end" : "Space next", dot, dot);
	snprintf(keys[1], sizeof(keys[1]), " %s%sBksp back%sEsc ",
		 last ? "end" : "Space next", dot, dot);
	snprintf(keys[2], sizeof(keys[2]), " %s ", last ? "end" : "Space");
	for (int k = 0; k < 3; k++) {
		int w = draw_width(keys[k]);
		if (w <= r.w - 4) {
			draw_text(r.y + r.h - 1, r.x + r.w - 2 - w, w, ROLE_KEY,
				  keys[k]);
			break;
		}
	}
	/* Text that does not fit says so rather than ending mid-thought;
	   Space pages on. */
	if (app->lesson_scroll + fits < lines)
		draw_text(r.y + r.h - 1, r.x + 2, 12, ROLE_WARN,
			  app->utf8 ? " \u2193 more " : " v more ");
	if (app->lesson_scroll > 0)
		draw_text(r.y, r.x + r.w - 8, 6, ROLE_WARN,
			  app->utf8 ? " \u2191 " : " ^ ");
}

/*
 * Pages the strip's text by step screens if it is cut there; false when
 * already at that end (the key then moves to another step).
 */
static bool page_text(struct app *app, int step)
{
	static char text[LESSON_TEXT_MAX * 4]; /* UI thread only */
	struct rect r = app->layout.lesson;

	if (r.h < STRIP_MIN_ROWS)
		return false;
	tui_lesson_fill(app, text, sizeof(text));
	int lines = tui_wrap_text(text, 0, 0, r.w - 4, 0, 0, ROLE_NORMAL);
	int fits = r.h - 2, last = lines - fits > 0 ? lines - fits : 0;
	if ((step > 0 && app->lesson_scroll >= last) ||
	    (step < 0 && app->lesson_scroll <= 0))
		return false;
	app->lesson_scroll += step * fits;
	if (app->lesson_scroll > last)
		app->lesson_scroll = last;
	if (app->lesson_scroll < 0)
		app->lesson_scroll = 0;
	return true;
}

/* Shows pane as the lesson asks: in the view slot if it is a view. */
static void show_pane(struct app *app, enum pane_kind pane)
{
	if (layout_is_view(pane)) {
		app->view = pane;
		app->view_chosen = true;
	}
	app->focus = pane;
	app->compact_pane = pane;
}

/* Goes to step k from step from (-1: the lesson starts). */
static int enter_step(struct app *app, int k, int from)
{
	const struct lesson *l = app->lesson;
	const struct lesson_step *s = &l->steps[k];
	int flags = TUI_REDRAW | TUI_RELAYOUT;
	bool apply = from < 0 || s->loads || s->nsets > 0 ||
		     !scenario_equal(&s->scenario, &l->steps[from].scenario);

	if (apply && !scenario_equal(&s->scenario, &app->scenario)) {
		if (strcmp(app->source, s->source) != 0)
			flags |= tui_load(app, &s->scenario, s->path, s->source);
		else
			flags |= tui_commit(app, &s->scenario);
		/* The lesson speaks for the scenario: no notes dialog. */
		app->notes_pending = false;
	}
	if (s->shows)
		show_pane(app, s->pane);
	if (s->type >= 0) {
		app->screening.focus = s->type;
		app->row = types_global_rows(&app->scenario) + s->type;
	}
	app->lesson_step = k;
	app->lesson_scroll = 0;
	app->message[0] = '\0';
	return flags | TUI_CLEAR;
}

int tui_lesson_start(struct app *app, const struct lesson *lesson)
{
	app->lesson = lesson;
	app->lesson_on = true;
	return enter_step(app, 0, -1);
}

int tui_lesson_action(struct app *app, enum tui_action_id action)
{
	if (app->lesson == NULL) {
		if (action != ACT_LESSON_LEAVE)
			tui_message(app, false, "no lesson: 'cmlcontract lesson' "
				    "starts the tour of the paper");
		return TUI_REDRAW;
	}
	int n = app->lesson->nsteps, at = app->lesson_step;
	switch (action) {
	case ACT_LESSON_NEXT:
	case ACT_LESSON_BACK:
		if (!app->lesson_on) {
			tui_message(app, false, "L resumes the lesson at step "
				    "%d", at + 1);
			return TUI_REDRAW;
		}
		if (page_text(app, action == ACT_LESSON_NEXT ? 1 : -1))
			return TUI_REDRAW;
		if (action == ACT_LESSON_NEXT && at + 1 >= n) {
			tui_message(app, false, "the end of the lesson: Esc "
				    "leaves it, Backspace goes back");
			return TUI_REDRAW;
		}
		if (action == ACT_LESSON_BACK && at == 0) {
			tui_message(app, false, "the first step");
			return TUI_REDRAW;
		}
		return enter_step(app, action == ACT_LESSON_NEXT ? at + 1 :
								   at - 1, at);
	case ACT_LESSON_LEAVE:
		if (!app->lesson_on)
			return TUI_NOTHING;
		app->lesson_on = false;
		tui_message(app, false, "left the lesson at step %d of %d; "
			    "explore on (L resumes it)", at + 1, n);
		return TUI_RELAYOUT | TUI_CLEAR | TUI_REDRAW;
	case ACT_LESSON_RESUME:
		if (app->lesson_on)
			return TUI_NOTHING;
		app->lesson_on = true;
		/* Where the student left it, with the scenario as it is. */
		return TUI_RELAYOUT | TUI_CLEAR | TUI_REDRAW;
	default:
		return TUI_NOTHING;
	}
}
