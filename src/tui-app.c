/*
 * tui-app.c - the explorer's loop: keys to actions, actions to state,
 * state to one screen.
 *
 * Every committed edit re-solves the contract warm-started from the last
 * good one; a failed solve keeps that contract on screen, marked stale.
 * Drawing happens in one place from state, then one refresh: curses sends
 * only the cells that changed, so keys cost little over SSH.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui-app.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "contract-diff.h"
#include "numfmt.h"
#include "presets.h"
#include "tui-actions.h"
#include "tui-draw.h"
#include "tui-keys.h"
#include "tui-lesson.h"
#include "tui-lineedit.h"
#include "tui-modal.h"
#include "tui-term.h"

/* Live re-solves may not freeze the screen for long. */
#define LIVE_MAXTIME 5.0
/* Map work per slice between keys: short enough to feel instant. */
#define MAP_SLICE_SECONDS 0.03
/* Ctrl-C as a key (when the terminal does not turn it into SIGINT). */
#define CTRL_C 3

static const struct tui_pane_ops *const pane_ops[PANE_COUNT] = {
	[PANE_TYPES] = &tui_pane_types,
	[PANE_CONTRACT] = &tui_pane_contract,
	[PANE_STATUS] = &tui_pane_status,
	[PANE_REWARDS] = &tui_pane_rewards,
	[PANE_CONTRIB] = &tui_pane_contrib,
	[PANE_WELFARE] = &tui_pane_welfare,
	[PANE_NOTES] = &tui_pane_notes,
	[PANE_MAP] = &tui_pane_map,
	[PANE_INCENTIVES] = &tui_pane_incentives,
	[PANE_SCREENING] = &tui_pane_screening,
};

const struct tui_pane_ops *tui_pane(enum pane_kind kind)
{
	return kind < PANE_COUNT ? pane_ops[kind] : NULL;
}

void tui_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof(app->message), fmt, ap);
	va_end(ap);
	app->message_error = error;
}

bool tui_modified(const struct app *app)
{
	return !scenario_equal(&app->scenario, &app->saved);
}

/* Keeps the cursor inside the types pane's rows. */
static void clamp_cursor(struct app *app)
{
	int rows = types_global_rows(&app->scenario) + app->scenario.ntypes;

	if (app->row >= rows)
		app->row = rows - 1;
	if (app->row < 0)
		app->row = 0;
}

int tui_commit(struct app *app, const struct scenario *next)
{
	int flags = TUI_RESOLVE | TUI_REDRAW;

	if (next->ntypes != app->scenario.ntypes)
		flags |= TUI_RELAYOUT;
	if (app->undo_count == TUI_UNDO_MAX) {
		memmove(app->undo, app->undo + 1,
			sizeof(*app->undo) * (TUI_UNDO_MAX - 1));
		app->undo_count--;
	}
	app->undo[app->undo_count++] = app->scenario;
	app->redo_count = 0;
	app->scenario = *next;
	app->method_refused = false;
	clamp_cursor(app);
	return flags;
}

int tui_edit_done(struct app *app, const struct scenario *next,
		  struct edit_target target, int moved)
{
	char value[40];

	app->changed_mask = 0;
	if (target.field == EDIT_PROB) {
		for (int i = 0; i < next->ntypes; i++)
			if (i != target.index)
				app->changed_mask |= (uint64_t)1 << i;
		tui_message(app, false, "type %d: prob %s; the other "
			    "probabilities were rescaled to sum to 1",
			    target.index + 1,
			    numfmt_exact(value, sizeof(value),
					 next->types[target.index].prob));
	} else if (target.field == EDIT_COST && moved != target.index) {
		tui_message(app, false, "types re-sorted by cost: %s is now "
			    "type %d", next->types[moved].name, moved + 1);
	}
	if (target.field == EDIT_COST || target.field == EDIT_PROB ||
	    target.field == EDIT_NAME)
		app->row = types_global_rows(&app->scenario) + moved;
	return tui_commit(app, next);
}

int tui_load(struct app *app, const struct scenario *sc, const char *path,
	     const char *source)
{
	int flags = tui_commit(app, sc) | TUI_RELAYOUT | TUI_CLEAR;

	app->saved = *sc;
	snprintf(app->path, sizeof(app->path), "%s", path);
	snprintf(app->source, sizeof(app->source), "%s", source);
	app->row = types_global_rows(&app->scenario);
	app->col = 1;
	memset(app->scroll, 0, sizeof(app->scroll));
	app->changed_mask = 0;
	app->notes_pending = sc->description[0] != '\0';
	/* A new scenario is solved from scratch. */
	app->have_contract = false;
	return flags;
}

/* Recomputes what the histograms show. */
static void update_distributions(struct app *app)
{
	double tbar[CML_MAX_TYPES];

	for (int i = 0; i < CML_MAX_TYPES; i++)
		rewards_free(&app->dist[i]);
	app->have_dist = false;
	for (int i = 0; i < app->contract.ntypes; i++)
		tbar[i] = app->contract.type[i].tbar;
	for (int i = 0; i < app->contract.ntypes; i++)
		if (rewards_distribution(&app->model, app->contract.solution.m,
					 app->contract.solution.t, tbar, i,
					 &app->dist[i]) != 0)
			return;
	app->have_dist = true;
}

/*
 * Asks the worker to solve the current scenario, warm from the last good
 * contract; the answer arrives in take_answer().  A scenario the model
 * cannot take is refused at once, without a solve.
 */
static void solve(struct app *app)
{
	struct scenario_problem problem;
	static struct solve_job job; /* large: off the stack; UI thread only */

	if (scenario_validate(&app->scenario, &problem) != 0) {
		solve_worker_cancel(app->worker);
		app->solving = false;
		app->stale = app->have_contract;
		snprintf(app->solve_note, sizeof(app->solve_note), "%.150s",
			 problem.msg);
		tui_message(app, true, "cannot solve: %s", problem.msg);
		return;
	}
	job.scenario = app->scenario;
	job.have_warm = app->have_contract;
	app->change_wanted = app->have_contract && !app->stale;
	if (job.have_warm)
		job.warm = app->contract;
	job.complete_info = false; /* computed when a pane shows it */
	(void)solve_worker_submit(app->worker, &job);
	app->solving = true;
	app->solve_started = clock_seconds();
}

/*
 * After an edit: what the re-solve moved (contract-diff.h), after the
 * edit's own note if it left one and both fit the message line.
 */
static void say_what_moved(struct app *app, const struct contract *after)
{
	struct contract_change ch;
	char moved[sizeof(app->message)], note[sizeof(app->message)];
	int width = app->width - 2;

	contract_change_compute(&app->contract, after, app->model.value_scale,
				&ch);
	snprintf(note, sizeof(note), "%s",
		 app->message_error ? "" : app->message);
	int room = note[0] != '\0' ? width - draw_width(note) - 3 : width;
	contract_change_format(&ch, &app->contract, after, room, moved,
			       sizeof(moved));
	if (note[0] != '\0' && moved[0] != '\0' && room >= 20)
		tui_message(app, false, "%s - %s", note, moved);
	else if (note[0] == '\0' && !app->message_error)
		tui_message(app, false, "%s",
			    contract_change_format(&ch, &app->contract, after,
						   width, moved, sizeof(moved)));
}

/* Shows a worker's answer: its contract, or why there is none. */
static void show_answer(struct app *app, const struct solve_answer *answer)
{
	struct cml_error err;
	const char *why = answer->error;

	app->solving = false;
	if (answer->ok) {
		/* The model follows the contract shown, not the edits. */
		if (model_update(&app->model, &answer->scenario, &err) == 0) {
			if (app->change_wanted)
				say_what_moved(app, &answer->contract);
			app->contract = answer->contract;
			app->have_contract = true;
			app->have_complete = false;
			app->stale = false;
			app->solve_note[0] = '\0';
			update_distributions(app);
			app->solve_seconds = answer->seconds;
			return;
		}
		why = err.msg;
	}
	app->stale = app->have_contract;
	snprintf(app->solve_note, sizeof(app->solve_note), "%.150s", why);
	tui_message(app, true, "solve failed: %s; the last good solution "
		    "stays on screen", app->solve_note);
}

bool tui_app_take_answer(struct app *app)
{
	static struct solve_answer answer; /* large; UI thread only */

	if (!app->solving || !solve_worker_take(app->worker, &answer))
		return false;
	show_answer(app, &answer);
	return true;
}

void tui_app_wait_solve(struct app *app)
{
	static struct solve_answer answer; /* large; UI thread only */

	if (app->solving && solve_worker_wait(app->worker, &answer))
		show_answer(app, &answer);
	app->solving = false;
}

/* Esc while a solve runs: abandon it, keep the last good contract. */
static int abandon_solve(struct app *app)
{
	solve_worker_cancel(app->worker);
	app->solving = false;
	app->stale = app->have_contract;
	snprintf(app->solve_note, sizeof(app->solve_note), "solve abandoned");
	tui_message(app, false, "solve abandoned; the last good solution "
		    "stays on screen");
	return TUI_REDRAW;
}

void tui_app_complete_info(struct app *app, bool wanted)
{
	const struct contract *c = &app->contract;

	if (!wanted || app->have_complete || !app->have_contract || app->stale)
		return;
	complete_info_compute(&app->model, c->solution.m, c->solution.t,
			      c->expected_value, &app->contract.complete);
	app->contract.has_complete_info = true;
	app->have_complete = true;
}

/* The panes Tab cycles through, in screen order. */
static int focus_order(const struct app *app, enum pane_kind *order)
{
	static const enum pane_kind all[] = {
		PANE_TYPES, PANE_CONTRACT, PANE_STATUS, PANE_REWARDS,
		PANE_CONTRIB, PANE_WELFARE, PANE_NOTES, PANE_MAP,
		PANE_INCENTIVES,
		PANE_SCREENING,
	};
	int n = 0;

	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++)
		if (app->layout.mode == LAYOUT_COMPACT ||
		    app->unzoomed_visible[all[k]])
			order[n++] = all[k];
	return n;
}

static void relayout(struct app *app)
{
	struct layout_request req = {
		.width = app->width,
		.height = app->height,
		.ntypes = app->scenario.ntypes,
		.view = app->view,
		.view_chosen = app->view_chosen,
		.compact_pane = app->compact_pane,
		.lesson_rows = tui_lesson_rows(app, app->width, app->height),
	};

	layout_compute(&req, &app->layout);
	app->lesson_rows = req.lesson_rows;
	if (app->layout.mode == LAYOUT_COMPACT)
		app->focus = app->compact_pane;
	else if (!app->layout.visible[app->focus])
		app->focus = PANE_TYPES;
	memcpy(app->unzoomed_visible, app->layout.visible,
	       sizeof(app->unzoomed_visible));
	if (app->zoomed)
		layout_zoom(&app->layout, app->focus);
}

/* Moves focus (or the compact tab) by step through the focus order. */
static int cycle_focus(struct app *app, int step)
{
	enum pane_kind order[PANE_COUNT];
	int n = focus_order(app, order), at = 0;

	/* No pane is shown below the minimum size: nothing to cycle. */
	if (n == 0)
		return TUI_NOTHING;
	for (int k = 0; k < n; k++)
		if (order[k] == app->focus)
			at = k;
	app->focus = order[((at + step) % n + n) % n];
	if (app->layout.mode == LAYOUT_COMPACT)
		app->compact_pane = app->focus;
	/* A zoom follows the focus. */
	if (app->layout.mode == LAYOUT_COMPACT || app->zoomed)
		return TUI_RELAYOUT | TUI_CLEAR | TUI_REDRAW;
	return TUI_REDRAW;
}

/* r, c, w, n: show a view; the same key again goes back. */
static int toggle_view(struct app *app, enum pane_kind kind)
{
	if (app->layout.mode == LAYOUT_COMPACT) {
		app->compact_pane = app->compact_pane == kind ? PANE_TYPES : kind;
		app->focus = app->compact_pane;
		return TUI_RELAYOUT | TUI_REDRAW;
	}
	if (app->view_chosen && app->view == kind) {
		app->view_chosen = false;
		app->view = PANE_REWARDS;
	} else {
		app->view = kind;
		app->view_chosen = true;
	}
	return TUI_RELAYOUT | TUI_REDRAW;
}

static int undo_redo(struct app *app, bool undo)
{
	struct scenario *from = undo ? app->undo : app->redo;
	struct scenario *to = undo ? app->redo : app->undo;
	int *from_count = undo ? &app->undo_count : &app->redo_count;
	int *to_count = undo ? &app->redo_count : &app->undo_count;

	if (*from_count == 0) {
		tui_message(app, true, "nothing to %s", undo ? "undo" : "redo");
		return TUI_REDRAW;
	}
	if (*to_count < TUI_UNDO_MAX)
		to[(*to_count)++] = app->scenario;
	bool reshaped = from[*from_count - 1].ntypes != app->scenario.ntypes;
	app->scenario = from[--*from_count];
	app->changed_mask = 0;
	app->method_refused = false;
	clamp_cursor(app);
	tui_message(app, false, "%s (%d more)", undo ? "undone" : "redone",
		    *from_count);
	return TUI_RESOLVE | TUI_REDRAW | (reshaped ? TUI_RELAYOUT : 0);
}

/* A view with keys of its own (the map, the diagram) keeps the focus. */
static int toggle_view_with_keys(struct app *app, enum pane_kind kind)
{
	int flags = toggle_view(app, kind);

	app->focus = kind;
	return flags;
}

/*
 * R: back to the preset the scenario came from, as one undoable edit
 * (the source stays the preset, so the notes describe it again).
 */
static int reset_to_preset(struct app *app)
{
	struct scenario sc;
	struct cml_error err;
	const struct embedded_file *p = strncmp(app->source, "preset:", 7) == 0 ?
					 preset_find(app->source + 7) : NULL;

	if (p == NULL) {
		tui_message(app, true, "R resets a preset; this scenario is %s",
			    app->path[0] != '\0' ? "a file" : "not a preset");
		return TUI_REDRAW;
	}
	if (preset_load(p, &sc, &err) != 0) {
		tui_message(app, true, "cannot reset: %s", err.msg);
		return TUI_REDRAW;
	}
	if (scenario_equal(&sc, &app->scenario)) {
		tui_message(app, false, "already the preset %s", p->name);
		return TUI_REDRAW;
	}
	int flags = tui_commit(app, &sc) | TUI_RELAYOUT;
	tui_message(app, false, "reset to the preset %s (u undoes)", p->name);
	return flags;
}

/*
 * E: the next expectation method, re-solved and undoable.  Exact beyond
 * its outcome limit is refused with the reason and the scenario kept;
 * E again then goes on to approx, so the cycle never sticks.
 */
static int cycle_method(struct app *app)
{
	struct scenario next;
	char why[256];
	enum expectation_method method = edit_next_method(app->scenario.method);

	if (method == METHOD_EXACT && app->method_refused)
		method = edit_next_method(method);
	/* Approx refused for a non-linear v: this E moves on to auto. */
	if (method == METHOD_APPROX && app->method_refused &&
	    !valuation_is_linear(&app->scenario.valuation))
		method = edit_next_method(method);
	if (edit_set_method(&app->scenario, method, &next, why,
			    sizeof(why)) != 0) {
		const struct scenario *sc = &app->scenario;
		app->method_refused = true;
		/* Short enough for the message line of 80 columns. */
		if (method == METHOD_EXACT &&
		    scenario_outcome_count(sc->participants, sc->ntypes) >
			    CML_MAX_OUTCOMES)
			tui_message(app, true, "refused: exact: over %d outcomes "
				    "at N = %d; E again: approx",
				    CML_MAX_OUTCOMES, sc->participants);
		else if (method == METHOD_APPROX &&
			 !valuation_is_linear(&sc->valuation))
			tui_message(app, true, "refused: approx needs a linear "
				    "valuation (v is %s); E again: auto",
				    sc->valuation.family->name);
		else
			tui_message(app, true, "refused: method %s: %s",
				    expectation_method_name(method), why);
		return TUI_REDRAW;
	}
	if (method == METHOD_AUTO)
		tui_message(app, false, "method auto (here %s)",
			    expectation_method_name(model_choose_method(&next)));
	else
		tui_message(app, false, "method %s",
			    expectation_method_name(method));
	return tui_commit(app, &next);
}

/* Keys that mean the same in every pane. */
static int global_key(struct app *app, int key)
{
	struct scenario next;
	char why[256];
	int moved;
	struct edit_target n_target = { EDIT_PARTICIPANTS, 0 };

	switch (tui_action_for_key(key)) {
	case ACT_HELP:
		app->modal = MODAL_HELP;
		app->menu_index = 0;
		return TUI_REDRAW;
	case ACT_QUIT:
		if (tui_modified(app))
			return tui_modal_confirm(app, CONFIRM_QUIT, "",
						 "The scenario has unsaved "
						 "changes. Quit anyway? (y/n)");
		app->quit = true;
		return TUI_QUIT;
	case ACT_ZOOM:
		app->zoomed = !app->zoomed;
		tui_message(app, false, app->zoomed ? "zoomed: z again to go "
			    "back" : "unzoomed");
		return TUI_RELAYOUT | TUI_CLEAR | TUI_REDRAW;
	case ACT_NEXT_PANE:
		return cycle_focus(app, 1);
	case ACT_PREV_PANE:
		return cycle_focus(app, -1);
	case ACT_N_DOWN:
	case ACT_N_UP:
		if (edit_nudge(&app->scenario, n_target,
			       tui_action_for_key(key) == ACT_N_UP ? 1 : -1, &next,
			       &moved, why, sizeof(why)) != 0) {
			tui_message(app, true, "refused: %s", why);
			return TUI_REDRAW;
		}
		tui_message(app, false, "N = %d", next.participants);
		return tui_commit(app, &next);
	case ACT_PRESETS:
		/* Open on the current preset, if it is one. */
		app->menu_index = 0;
		for (int i = 0; i < presets_count; i++)
			if (strncmp(app->source, "preset:", 7) == 0 &&
			    strcmp(app->source + 7, presets[i].name) == 0)
				app->menu_index = i;
		app->modal = MODAL_PRESETS;
		return TUI_REDRAW;
	case ACT_OPEN:
		return tui_modal_prompt(app, PROMPT_OPEN);
	case ACT_SAVE:
		return tui_modal_prompt(app, PROMPT_SAVE);
	case ACT_EXPORT:
		return tui_modal_prompt(app, PROMPT_EXPORT);
	case ACT_FIGURE:
		return tui_modal_prompt(app, PROMPT_FIGURE);
	case ACT_UNDO:
		return undo_redo(app, true);
	case ACT_REDO:
		return undo_redo(app, false);
	case ACT_VIEW_REWARDS:
		return toggle_view(app, PANE_REWARDS);
	case ACT_VIEW_CONTRIB:
		return toggle_view(app, PANE_CONTRIB);
	case ACT_VIEW_WELFARE:
		return toggle_view(app, PANE_WELFARE);
	case ACT_VIEW_NOTES:
		return toggle_view(app, PANE_NOTES);
	case ACT_VIEW_MAP:
		return toggle_view_with_keys(app, PANE_MAP);
	case ACT_VIEW_INCENTIVES:
		return toggle_view(app, PANE_INCENTIVES);
	case ACT_VIEW_SCREENING:
		return toggle_view_with_keys(app, PANE_SCREENING);
	case ACT_METHOD:
		return cycle_method(app);
	case ACT_SLACKS:
		app->show_slacks = !app->show_slacks;
		return TUI_REDRAW;
	case ACT_THEME:
		app->opt.high_contrast = !app->opt.high_contrast;
		tui_term_apply_scheme(app);
		tui_message(app, false, "%s colours", app->opt.high_contrast ?
			    "high-contrast" : "normal");
		return TUI_REDRAW | TUI_CLEAR;
	case ACT_MOUSE:
		app->opt.mouse = !app->opt.mouse;
		tui_term_set_mouse(app->opt.mouse);
		tui_message(app, false, "mouse capture %s", app->opt.mouse ?
			    "on (click a cell to select it)" :
			    "off (the terminal selects text)");
		return TUI_REDRAW;
	case ACT_REDRAW:
		return TUI_CLEAR | TUI_REDRAW;
	case ACT_RESET:
		return reset_to_preset(app);
	case ACT_FAMILY:
	case ACT_OUTSIDE:
		tui_message(app, true, "%s in the Types pane: Tab to reach it",
			    tui_action_for_key(key) == ACT_FAMILY ?
				    "F chooses a family" :
				    "O sets a type's outside option");
		return TUI_REDRAW;
	case ACT_LESSON_NEXT:
	case ACT_LESSON_BACK:
	case ACT_LESSON_LEAVE:
	case ACT_LESSON_RESUME:
		return tui_lesson_action(app, tui_action_for_key(key));
	case ACT_EDIT:
	case ACT_NUDGE_UP:
	case ACT_NUDGE_DOWN:
	case ACT_BIG_UP:
	case ACT_BIG_DOWN:
	case ACT_ADD_TYPE:
	case ACT_DELETE_TYPE:
		tui_message(app, true, "edits happen in the Types pane: press "
			    "Tab to reach it");
		return TUI_REDRAW;
	default:
		return TUI_NOTHING;
	}
}

/* A click: focus the pane under it, and let the pane select a cell. */
static int click(struct app *app)
{
	MEVENT ev;

	if (getmouse(&ev) != OK ||
	    !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return TUI_NOTHING;
	for (int k = 0; k < PANE_COUNT; k++) {
		struct rect r = app->layout.pane[k];
		if (!app->layout.visible[k] || ev.x < r.x || ev.x >= r.x + r.w ||
		    ev.y < r.y || ev.y >= r.y + r.h)
			continue;
		app->focus = k;
		const struct tui_pane_ops *ops = tui_pane(k);
		if (ops != NULL && ops->click != NULL)
			return ops->click(app, r, ev.y, ev.x) | TUI_REDRAW;
		return TUI_REDRAW;
	}
	return TUI_NOTHING;
}

/*
 * Below the minimum size only the notice is shown, so only what it
 * offers acts: q (and its question, drawn in the notice), Ctrl-C and
 * Ctrl-L.  Nothing reaches a pane, an edit or a dialog that is hidden.
 */
static int too_small_key(struct app *app, int key)
{
	if (app->modal == MODAL_CONFIRM && app->confirm_purpose == CONFIRM_QUIT)
		return tui_modal_key(app, key);
	enum tui_action_id action = tui_action_for_key(key);
	if (action != ACT_QUIT && action != ACT_REDRAW && key != CTRL_C)
		return TUI_NOTHING;
	return global_key(app, key) | TUI_REDRAW;
}

/*
 * The arrow keys, Home and End scroll a list pane that has focus (the
 * pane clamps the offset when it draws, see draw_scroll()).
 */
static bool scroll_key(struct app *app, int key)
{
	const struct tui_pane_ops *ops = tui_pane(app->focus);
	int *first = &app->scroll[app->focus];

	if (ops == NULL || !ops->scrolls)
		return false;
	switch (tui_action_for_key(key)) {
	case ACT_UP:
		*first = *first > 0 ? *first - 1 : 0;
		return true;
	case ACT_DOWN:
		(*first)++;
		return true;
	case ACT_HOME:
		*first = 0;
		return true;
	case ACT_END:
		*first = INT_MAX / 2; /* clamped when drawn */
		return true;
	default:
		return false;
	}
}

int tui_app_key(struct app *app, int key)
{
	if (key == KEY_RESIZE) {
		getmaxyx(stdscr, app->height, app->width);
		return TUI_RELAYOUT | TUI_CLEAR | TUI_REDRAW;
	}
	if (app->layout.mode == LAYOUT_TOO_SMALL)
		return too_small_key(app, key);
	/* A sequence the terminal sent that is no key of ours: said, not
	   acted on (an open dialog or edit stays as it is). */
	if (key == TUI_KEY_UNKNOWN) {
		if (app->modal == MODAL_NONE && !app->editing)
			tui_message(app, false, "unknown key (ignored)");
		return TUI_REDRAW;
	}
	if (key == TUI_KEY_PASTE)
		return TUI_NOTHING; /* text comes through tui_app_paste() */
	if (app->modal != MODAL_NONE)
		return tui_modal_key(app, key);
	if (key == 27 && app->solving && !app->editing)
		return abandon_solve(app);
	if (key == KEY_MOUSE)
		return click(app);
	/* What the last edit changed stays highlighted until the next key. */
	if (!app->editing) {
		app->changed_mask = 0;
		app->message[0] = '\0';
	}
	const struct tui_pane_ops *ops = tui_pane(app->focus);
	if (ops != NULL && ops->key != NULL) {
		int flags = ops->key(app, key);
		if (flags >= 0)
			return flags;
	}
	if (scroll_key(app, key))
		return TUI_REDRAW;
	return global_key(app, key) | TUI_REDRAW;
}

int tui_app_paste(struct app *app, const char *text)
{
	char line[sizeof(app->edit.text)];

	tui_keys_paste_line(text, line, sizeof(line));
	if (app->layout.mode == LAYOUT_TOO_SMALL)
		return TUI_NOTHING; /* nothing is shown to paste into */
	if (app->modal == MODAL_PROMPT) {
		line_edit_insert(&app->prompt, line);
		return TUI_REDRAW;
	}
	if (app->modal == MODAL_NONE && app->editing) {
		line_edit_insert(&app->edit, line);
		return TUI_REDRAW;
	}
	/* Never keys: a pasted "q" or "[" does nothing. */
	if (app->modal == MODAL_NONE)
		tui_message(app, false, "paste ignored: Enter opens a cell "
			    "to paste into");
	return TUI_REDRAW;
}

/* The top line: scenario, parameters, and how the last solve went. */
/*
 * A family's parameters for the header: "a_opt=1 k=1" when keyed, else
 * "1, 1".
 */
static void family_text(const struct param_desc *params, const double *value,
			int n, bool keyed, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && used < size; i++) {
		const char *sep = i == 0 ? "" : keyed ? " " : ", ";
		int w = keyed ? snprintf(buf + used, size - used, "%s%s=%g", sep,
					 params[i].key, value[i]) :
				snprintf(buf + used, size - used, "%s%g", sep,
					 value[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static void draw_header(struct app *app)
{
	const struct scenario *sc = &app->scenario;
	struct rect r = app->layout.header;
	char left[3][512], right[3][200], duration[32], method[64];
	const char *dot = draw_glyph(app, GLYPH_DOT);
	const char *mark = tui_modified(app) ? "*" : "";
	int nright = 1;

	/* Right: how the shown contract was computed, shorter forms last. */
	contract_format_method(&app->contract, app->model.outcomes.count,
			       method, sizeof(method));
	if (app->solving)
		snprintf(right[0], sizeof(right[0]), "solving%s %s ",
			 app->utf8 ? "\u2026" : "...",
			 numfmt_duration(duration, sizeof(duration),
					 app->opt.fixed_clock ? 0.0 :
					 clock_seconds() - app->solve_started));
	else if (app->stale)
		snprintf(right[0], sizeof(right[0]), "STALE: %s ",
			 app->solve_note);
	else {
		if (app->opt.fixed_clock)
			snprintf(right[0], sizeof(right[0]), "%s ", method);
		else
			snprintf(right[0], sizeof(right[0]), "%s, %s ", method,
				 numfmt_duration(duration, sizeof(duration),
						 app->solve_seconds));
		snprintf(right[1], sizeof(right[1]), "%s ", method);
		/* "exact" or "approx" alone. */
		snprintf(right[2], sizeof(right[2]), "%s ",
			 expectation_method_name(app->contract.method ==
							 METHOD_APPROX ?
						 METHOD_APPROX : METHOD_EXACT));
		nright = 3;
	}
	/* From the most to the least detailed; the first that fits wins. */
	char acc_keyed[96], acc_short[64], val_keyed[96], val_short[64];
	family_text(sc->accuracy.family->params, sc->accuracy.param,
		    sc->accuracy.family->nparams, true, acc_keyed,
		    sizeof(acc_keyed));
	family_text(sc->accuracy.family->params, sc->accuracy.param,
		    sc->accuracy.family->nparams, false, acc_short,
		    sizeof(acc_short));
	family_text(sc->valuation.family->params, sc->valuation.param,
		    sc->valuation.family->nparams, true, val_keyed,
		    sizeof(val_keyed));
	family_text(sc->valuation.family->params, sc->valuation.param,
		    sc->valuation.family->nparams, false, val_short,
		    sizeof(val_short));
	snprintf(left[0], sizeof(left[0]), " cmlcontract %s %s%s %s N=%d %s "
		 "%s %s %s %s %s", dot, sc->name, mark, dot,
		 sc->participants, dot, sc->accuracy.family->name, acc_keyed,
		 dot, sc->valuation.family->name, val_keyed);
	snprintf(left[1], sizeof(left[1]), " %s%s %s N=%d %s %s(%s) %s "
		 "%s(%s)", sc->name, mark, dot, sc->participants, dot,
		 sc->accuracy.family->name, acc_short, dot,
		 sc->valuation.family->name, val_short);
	snprintf(left[2], sizeof(left[2]), " %s%s %s N=%d", sc->name, mark, dot,
		 sc->participants);
	/* The most detailed right side that fits beside some left one. */
	int rw = 0, pick = 2, which = 0;
	for (int k = 0; k < nright && rw == 0; k++) {
		int w = draw_width(right[k]);
		for (int p = 0; p < 3; p++)
			if (draw_width(left[p]) + w + 1 <= r.w) {
				rw = w;
				pick = p;
				which = k;
				break;
			}
	}
	draw_fill(r.y, r.x, r.w, ROLE_HEADER);
	draw_text(r.y, r.x, r.w - rw - 1, ROLE_HEADER, left[pick]);
	if (rw > 0)
		draw_text(r.y, r.x + r.w - rw, rw,
			  app->stale || app->solving ? ROLE_WARN : ROLE_HEADER,
			  right[which]);
}

/* The key bar: as many entries as fit, most important first. */
static void draw_footer(struct app *app)
{
	struct rect r = app->layout.footer;
	int x = r.x + 1;

	draw_fill(r.y, r.x, r.w, ROLE_NORMAL);
	for (int rank = 0; rank <= 8; rank++)
		for (int i = 0; i < tui_actions_count; i++) {
			const struct tui_action *a = &tui_actions[i];
			if (a->bar == NULL || a->bar_rank != rank)
				continue;
			int need = draw_width(a->bar_keys) + 1 +
				   draw_width(a->bar);
			if (x + need > r.x + r.w - 1)
				continue;
			x += draw_text(r.y, x, r.w, ROLE_KEY, a->bar_keys);
			x += draw_text(r.y, x + 1, r.w, ROLE_NORMAL, a->bar) + 3;
		}
}

static void draw_tabs(struct app *app)
{
	static const enum pane_kind tabs[] = {
		PANE_TYPES, PANE_CONTRACT, PANE_STATUS, PANE_REWARDS,
		PANE_CONTRIB, PANE_WELFARE, PANE_NOTES, PANE_MAP,
		PANE_INCENTIVES,
		PANE_SCREENING,
	};
	struct rect r = app->layout.tabs;
	int x = r.x;
	/* Every pane has a tab: names shortened until all fit. */
	int letters = layout_tab_letters(r.w, app->compact_pane);

	draw_fill(r.y, r.x, r.w, ROLE_NORMAL);
	for (size_t k = 0; k < sizeof(tabs) / sizeof(tabs[0]) && letters > 0;
	     k++) {
		const char *name = layout_tab_name(tabs[k]);
		bool on = tabs[k] == app->compact_pane;
		/* The current tab is bracketed, so it shows without colour. */
		x += draw_text(r.y, x, r.x + r.w - x, ROLE_NORMAL, " ");
		x += draw_textf(r.y, x, r.x + r.w - x, on ? ROLE_CURSOR : ROLE_DIM,
				on ? "[%.*s]" : "%.*s", on ? 16 : letters, name);
	}
}

/* The notice below the minimum size, or the quit question asked there. */
static void draw_too_small(struct app *app)
{
	char text[sizeof(app->confirm_question) + 256];
	int top = app->height / 2 - 2 > 0 ? app->height / 2 - 2 : 0;

	if (app->modal == MODAL_CONFIRM && app->confirm_purpose == CONFIRM_QUIT)
		snprintf(text, sizeof(text), "%s", app->confirm_question);
	else
		snprintf(text, sizeof(text), "This terminal (%dx%d) is too "
			 "small; cmlcontract needs at least %dx%d. Enlarge it "
			 "or zoom out; q quits.", app->width, app->height,
			 LAYOUT_MIN_WIDTH, LAYOUT_MIN_HEIGHT);
	tui_wrap_text(text, top, 1, app->width - 2, app->height - top, 0,
		      ROLE_WARN);
}

void tui_app_draw(struct app *app)
{
	int cy = 0, cx = 0;

	/* The lesson's text follows the contract: a new answer may wrap to
	   more or fewer lines than the strip was laid out for. */
	if (tui_lesson_rows(app, app->width, app->height) != app->lesson_rows)
		relayout(app);
	erase();
	if (app->layout.mode == LAYOUT_TOO_SMALL) {
		draw_too_small(app);
		curs_set(0);
		refresh();
		return;
	}
	draw_header(app);
	if (app->layout.mode == LAYOUT_COMPACT)
		draw_tabs(app);
	for (int k = 0; k < PANE_COUNT; k++) {
		const struct tui_pane_ops *ops = tui_pane(k);
		if (app->layout.visible[k] && ops != NULL)
			ops->draw(app, app->layout.pane[k], (int)app->focus == k);
	}
	if (tui_lesson_on(app) && app->layout.lesson.h > 0)
		tui_lesson_draw(app, app->layout.lesson);
	struct rect m = app->layout.message;
	draw_fill(m.y, m.x, m.w, ROLE_NORMAL);
	draw_text(m.y, m.x + 1, m.w - 2,
		  app->message_error ? ROLE_BAD : ROLE_NORMAL, app->message);
	draw_footer(app);
	const struct tui_pane_ops *ops = tui_pane(app->focus);
	if (ops != NULL && app->layout.visible[app->focus]) {
		struct rect r = app->layout.pane[app->focus];
		cy = r.y;
		cx = r.x + 2;
		if (ops->cursor != NULL)
			ops->cursor(app, r, &cy, &cx);
	}
	tui_modal_draw(app, &cy, &cx);
	curs_set(1);
	move(cy, cx);
	refresh();
}

/* Applies a handler's flags: solve, relayout, clear. */
void tui_app_settle(struct app *app, int flags)
{
	if (flags & TUI_RESOLVE)
		solve(app);
	if (flags & (TUI_RELAYOUT | TUI_RESOLVE))
		relayout(app);
	tui_app_complete_info(app, app->layout.visible[PANE_WELFARE] ||
					   tui_lesson_needs_complete(app));
	/* A loaded scenario's notes pop up unless a pane shows them. */
	if (app->notes_pending) {
		app->notes_pending = false;
		if (!app->layout.visible[PANE_NOTES] &&
		    app->layout.mode != LAYOUT_TOO_SMALL && app->modal == MODAL_NONE)
			app->modal = MODAL_NOTES;
	}
	if (flags & TUI_CLEAR)
		clearok(stdscr, TRUE);
}

int tui_app_init(struct app *app, const struct tui_options *opt,
		 const struct scenario *sc, const char *path,
		 const char *source)
{
	memset(app, 0, sizeof(*app));
	app->opt = *opt;
	app->undo = calloc(TUI_UNDO_MAX, sizeof(*app->undo));
	app->redo = calloc(TUI_UNDO_MAX, sizeof(*app->redo));
	app->worker = solve_worker_create(LIVE_MAXTIME);
	if (app->undo == NULL || app->redo == NULL || app->worker == NULL) {
		tui_app_free(app);
		return -1;
	}
	app->scenario = *sc;
	app->saved = *sc;
	snprintf(app->path, sizeof(app->path), "%s", path);
	snprintf(app->source, sizeof(app->source), "%s", source);
	app->view = PANE_REWARDS;
	app->screening.focus = -1;
	app->compact_pane = PANE_TYPES;
	app->focus = PANE_TYPES;
	app->row = types_global_rows(&app->scenario);
	app->col = 1;
	if (model_init(&app->model, sc, NULL) != 0) {
		tui_app_free(app);
		return -1;
	}
	return 0;
}

/* Sizes the layout to the screen and solves the first time. */
void tui_app_start(struct app *app)
{
	getmaxyx(stdscr, app->height, app->width);
	draw_set_unicode(app->utf8);
	app->notes_pending = app->scenario.description[0] != '\0';
	tui_app_settle(app, TUI_RESOLVE | TUI_RELAYOUT);
}

void tui_app_start_lesson(struct app *app, const struct lesson *lesson)
{
	if (app->modal == MODAL_NOTES)
		app->modal = MODAL_NONE;
	tui_app_settle(app, tui_lesson_start(app, lesson));
}

void tui_app_free(struct app *app)
{
	tui_map_free(app);
	for (int i = 0; i < CML_MAX_TYPES; i++)
		rewards_free(&app->dist[i]);
	model_free(&app->model);
	solve_worker_free(app->worker);
	free(app->undo);
	free(app->redo);
	app->undo = app->redo = NULL;
	app->worker = NULL;
}

/* Set by SIGINT; the loop turns it into the Ctrl-C key. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

int tui_run(const struct tui_options *opt, const struct scenario *sc,
	    const char *path, const char *source,
	    const struct lesson *lesson, char *why, size_t size)
{
	struct app *app = calloc(1, sizeof(*app));

	if (app == NULL || tui_app_init(app, opt, sc, path, source) != 0) {
		snprintf(why, size, "out of memory");
		free(app);
		return -1;
	}
	if (tui_term_open(app, why, size) != 0) {
		tui_app_free(app);
		free(app);
		return -1;
	}
	/*
	 * Ctrl-C asks like q: SIGINT only sets a flag (no SA_RESTART, so a
	 * waiting getch returns ERR), and the loop reads it as the key.
	 */
	struct sigaction sa, old_sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_sa);
	interrupted = 0;
	tui_app_start(app);
	if (lesson != NULL)
		tui_app_start_lesson(app, lesson);
	int flags = TUI_CLEAR;
	bool busy = false;
	while (!app->quit) {
		tui_app_settle(app, flags);
		tui_app_draw(app);
		flags = TUI_NOTHING;
		/*
		 * Wait for a key or the worker's answer; while a solve runs,
		 * wake every tenth of a second to advance its clock, and
		 * while the map has work, do a slice of it between keys.
		 */
		struct pollfd fds[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = solve_worker_fd(app->worker), .events = POLLIN },
		};
		int wait_ms = busy ? 0 : app->solving ? 100 : -1;
		if (poll(fds, 2, wait_ms) < 0 && errno != EINTR)
			break;
		if (tui_app_take_answer(app))
			flags |= TUI_RELAYOUT | TUI_REDRAW;
		/* Ctrl-C arrives as a signal: act on it as on its key. */
		int key, keys = 0;
		if (interrupted) {
			interrupted = 0;
			flags |= tui_app_key(app, 'C' & 0x1f);
			keys++;
		}
		/* Every key there is, whole sequences decoded (tui-keys.c). */
		while (!app->quit && (key = tui_term_read_key(0)) != ERR) {
			flags |= key == TUI_KEY_PASTE ?
					 tui_app_paste(app, tui_term_paste_text()) :
					 tui_app_key(app, key);
			keys++;
			if (flags & TUI_RESOLVE) {
				tui_app_settle(app, flags);
				flags = TUI_REDRAW;
			}
		}
		if (keys > 0)
			busy = true;
		else if (busy)
			busy = tui_map_work(app, MAP_SLICE_SECONDS);
		flags |= TUI_REDRAW;
	}
	tui_term_close();
	sigaction(SIGINT, &old_sa, NULL);
	tui_app_free(app);
	free(app);
	return 0;
}
