/*
 * tui-modal.c - help, the presets and family menus, path prompts and
 * questions.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui-modal.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic-file.h"
#include "presets.h"
#include "report.h"
#include "scenario-yaml.h"
#include "tui-actions.h"
#include "tui-draw.h"
#include "tui-figure.h"
#include "tui-lineedit.h"

#define KEY_ESCAPE 27

int tui_modal_prompt(struct app *app, enum tui_prompt_purpose purpose)
{
	char initial[PATH_MAX];

	switch (purpose) {
	case PROMPT_OPEN:
		snprintf(initial, sizeof(initial), "%s", app->path);
		break;
	case PROMPT_SAVE:
		if (app->path[0] != '\0')
			snprintf(initial, sizeof(initial), "%s", app->path);
		else
			snprintf(initial, sizeof(initial), "%s.yaml",
				 app->scenario.name);
		break;
	case PROMPT_EXPORT:
		snprintf(initial, sizeof(initial), "%s-report.txt",
			 app->scenario.name);
		break;
	case PROMPT_FIGURE:
		snprintf(initial, sizeof(initial), "%s-%s.pdf",
			 app->scenario.name, tui_figure_kind(app));
		break;
	case PROMPT_MAP_X:
	case PROMPT_MAP_Y:
		initial[0] = '\0';
		break;
	case PROMPT_OUTSIDE:
		edit_outside_text(&app->scenario.types[app->prompt_type].outside,
				  initial, sizeof(initial));
		break;
	}
	line_edit_start(&app->prompt, initial);
	app->prompt_purpose = purpose;
	app->modal = MODAL_PROMPT;
	return TUI_REDRAW;
}

int tui_modal_confirm(struct app *app, enum tui_confirm_purpose purpose,
		      const char *path, const char *question)
{
	app->confirm_purpose = purpose;
	snprintf(app->confirm_path, sizeof(app->confirm_path), "%s", path);
	snprintf(app->confirm_question, sizeof(app->confirm_question), "%s",
		 question);
	app->modal = MODAL_CONFIRM;
	return TUI_REDRAW;
}

static int save(struct app *app, const char *path)
{
	struct cml_error err;
	char line[CML_ERROR_ORIGIN_MAX + CML_ERROR_MSG_MAX + 16];

	if (scenario_save_file(path, &app->scenario, &err) != 0) {
		cml_error_format(&err, line, sizeof(line));
		tui_message(app, true, "not saved: %s", line);
		return TUI_REDRAW;
	}
	app->saved = app->scenario;
	snprintf(app->path, sizeof(app->path), "%s", path);
	snprintf(app->source, sizeof(app->source), "%s", path);
	tui_message(app, false, "saved to %s", path);
	return TUI_REDRAW;
}

/* The results as 'cmlcontract solve' prints them, written atomically. */
static int export_report(struct app *app, const char *path)
{
	struct cml_error err;
	char *text = NULL, line[CML_ERROR_ORIGIN_MAX + CML_ERROR_MSG_MAX + 16];
	size_t len = 0;
	FILE *out;

	if (!app->have_contract || app->stale) {
		tui_message(app, true, "nothing to export: the scenario has no "
			    "current solution");
		return TUI_REDRAW;
	}
	tui_app_complete_info(app, true);
	out = open_memstream(&text, &len);
	if (out == NULL) {
		tui_message(app, true, "not exported: %s", strerror(errno));
		return TUI_REDRAW;
	}
	struct report_input in = {
		.scenario = &app->scenario,
		.source = app->source,
		.model = &app->model,
		.contract = &app->contract,
	};
	report_text(out, &in);
	fclose(out);
	if (atomic_file_write(path, text, len, &err) != 0) {
		cml_error_format(&err, line, sizeof(line));
		tui_message(app, true, "not exported: %s", line);
	} else {
		tui_message(app, false, "report written to %s", path);
	}
	free(text);
	return TUI_REDRAW;
}

/* The view as a figure (tui-figure.c), written atomically. */
static int write_figure(struct app *app, const char *path)
{
	char why[CML_ERROR_ORIGIN_MAX + CML_ERROR_MSG_MAX + 16];

	if (tui_figure_write(app, path, why, sizeof(why)) != 0)
		tui_message(app, true, "no figure written: %s", why);
	else
		tui_message(app, false, "%s figure written to %s",
			    tui_figure_kind(app), path);
	return TUI_REDRAW;
}

static int open_file(struct app *app, const char *path)
{
	struct scenario sc;
	struct scenario_load_info info;
	struct cml_error err;
	char line[CML_ERROR_ORIGIN_MAX + CML_ERROR_MSG_MAX + 16];

	if (scenario_load_file(path, &sc, &info, &err) != 0) {
		cml_error_format(&err, line, sizeof(line));
		tui_message(app, true, "%s", line);
		return TUI_REDRAW;
	}
	int flags = tui_load(app, &sc, path, path);
	tui_message(app, false, "opened %s%s", path, info.sorted ?
		    "; types sorted by cost, highest first" : "");
	return flags;
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/*
 * Why path cannot be written over (a directory, a FIFO, a device: not a
 * regular file or a link, which atomic_file_write replaces), or NULL.
 */
static const char *not_writable(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0 || S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
		return NULL;
	return S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file";
}

/* Enter in a prompt: act on the path. */
static int prompt_done(struct app *app)
{
	const char *path = app->prompt.text;
	char question[PATH_MAX + 80];

	app->modal = MODAL_NONE;
	if (path[0] == '\0') {
		tui_message(app, false, "cancelled");
		return TUI_REDRAW;
	}
	switch (app->prompt_purpose) {
	case PROMPT_MAP_X:
	case PROMPT_MAP_Y:
		tui_map_set_axis(app, app->prompt_purpose == PROMPT_MAP_Y, path);
		return TUI_REDRAW;
	case PROMPT_OUTSIDE: {
		struct scenario next;
		char why[256];
		if (edit_set_outside(&app->scenario, app->prompt_type, path,
				     &next, why, sizeof(why)) != 0) {
			tui_message(app, true, "refused: type %d's outside "
				    "option: %s", app->prompt_type + 1, why);
			return TUI_REDRAW;
		}
		tui_message(app, false, "type %d: outside option %s (u undoes)",
			    app->prompt_type + 1, path);
		return tui_commit(app, &next);
	}
	case PROMPT_OPEN:
		return open_file(app, path);
	case PROMPT_SAVE:
	case PROMPT_EXPORT:
	case PROMPT_FIGURE: {
		enum tui_prompt_purpose p = app->prompt_purpose;
		if (not_writable(path) != NULL) {
			tui_message(app, true, "not %s: %s %s; give a file "
				    "name", p == PROMPT_SAVE ? "saved" :
				    p == PROMPT_EXPORT ? "exported" : "written",
				    path, not_writable(path));
			return TUI_REDRAW;
		}
		if (file_exists(path)) {
			snprintf(question, sizeof(question), "%s exists. "
				 "Overwrite it? (y/n)", path);
			return tui_modal_confirm(
				app, p == PROMPT_SAVE ? CONFIRM_SAVE :
				     p == PROMPT_EXPORT ? CONFIRM_EXPORT :
				     CONFIRM_FIGURE, path, question);
		}
		return p == PROMPT_SAVE ? save(app, path) :
		       p == PROMPT_EXPORT ? export_report(app, path) :
		       write_figure(app, path);
	}
	}
	return TUI_REDRAW;
}

static int confirm_key(struct app *app, int key)
{
	if (key == 'y' || key == 'Y') {
		app->modal = MODAL_NONE;
		switch (app->confirm_purpose) {
		case CONFIRM_QUIT:
			app->quit = true;
			return TUI_QUIT;
		case CONFIRM_SAVE:
			return save(app, app->confirm_path);
		case CONFIRM_EXPORT:
			return export_report(app, app->confirm_path);
		case CONFIRM_FIGURE:
			return write_figure(app, app->confirm_path);
		}
	}
	if (key == 'n' || key == 'N' || key == KEY_ESCAPE || key == 'q' ||
	    key == ('C' & 0x1f)) {
		app->modal = MODAL_NONE;
		tui_message(app, false, "cancelled");
	}
	return TUI_REDRAW;
}

/*
 * Up, Down, Home and End in a menu of count entries; false for any other
 * key.
 */
static bool menu_move(struct app *app, int key, int count)
{
	switch (tui_action_for_key(key)) {
	case ACT_UP:
		if (app->menu_index > 0)
			app->menu_index--;
		return true;
	case ACT_DOWN:
		if (app->menu_index + 1 < count)
			app->menu_index++;
		return true;
	case ACT_HOME:
		app->menu_index = 0;
		return true;
	case ACT_END:
		app->menu_index = count - 1;
		return true;
	default:
		return false;
	}
}

static int presets_key(struct app *app, int key)
{
	struct scenario sc;
	struct cml_error err;
	char source[CML_NAME_MAX + 8];

	if (menu_move(app, key, presets_count))
		return TUI_REDRAW;
	switch (tui_action_for_key(key)) {
	case ACT_EDIT:
		app->modal = MODAL_NONE;
		if (preset_load(&presets[app->menu_index], &sc, &err) != 0) {
			char line[CML_ERROR_ORIGIN_MAX + CML_ERROR_MSG_MAX + 16];
			/* With its place: "preset:NAME:LINE:COL: ...". */
			cml_error_format(&err, line, sizeof(line));
			tui_message(app, true, "%s", line);
			return TUI_REDRAW;
		}
		snprintf(source, sizeof(source), "preset:%s",
			 presets[app->menu_index].name);
		tui_message(app, false, "loaded preset %s (u returns to the "
			    "previous scenario)", presets[app->menu_index].name);
		return tui_load(app, &sc, "", source);
	default:
		if (key == KEY_ESCAPE || key == 'q' || key == 'p')
			app->modal = MODAL_NONE;
		return TUI_REDRAW;
	}
}

/* The families of the kind the menu lists: how many, and the i-th. */
static int family_count(const struct app *app)
{
	int n = 0;

	while (app->family_valuation ? valuation_families[n] != NULL :
				       accuracy_families[n] != NULL)
		n++;
	return n;
}

static void family_entry(const struct app *app, int i, const char **name,
			 const char **summary)
{
	if (app->family_valuation) {
		*name = valuation_families[i]->name;
		*summary = valuation_families[i]->summary;
	} else {
		*name = accuracy_families[i]->name;
		*summary = accuracy_families[i]->summary;
	}
}

static int family_key(struct app *app, int key)
{
	int n = family_count(app);
	struct scenario next;
	char why[256];
	const char *name, *summary;

	if (menu_move(app, key, n))
		return TUI_REDRAW;
	switch (tui_action_for_key(key)) {
	case ACT_EDIT:
		app->modal = MODAL_NONE;
		family_entry(app, app->menu_index, &name, &summary);
		if (app->family_valuation ?
			    valuation_families[app->menu_index] ==
				    app->scenario.valuation.family :
			    accuracy_families[app->menu_index] ==
				    app->scenario.accuracy.family) {
			tui_message(app, false, "already %s", name);
			return TUI_REDRAW;
		}
		if (edit_set_family(&app->scenario, app->family_valuation,
				    app->menu_index, &next, why,
				    sizeof(why)) != 0) {
			tui_message(app, true, "refused: %s: %s", name, why);
			return TUI_REDRAW;
		}
		tui_message(app, false, "%s family %s (u undoes)",
			    app->family_valuation ? "valuation" : "accuracy",
			    name);
		return tui_commit(app, &next) | TUI_RELAYOUT;
	default:
		if (key == KEY_ESCAPE || key == 'q' || key == 'F')
			app->modal = MODAL_NONE;
		return TUI_REDRAW;
	}
}

int tui_modal_key(struct app *app, int key)
{
	switch (app->modal) {
	case MODAL_HELP:
		if (key == KEY_DOWN || key == 'j')
			app->menu_index++;
		else if ((key == KEY_UP || key == 'k') && app->menu_index > 0)
			app->menu_index--;
		else if (key == KEY_NPAGE || key == ' ')
			app->menu_index += 10;
		else if (key == KEY_PPAGE)
			app->menu_index = app->menu_index > 10 ?
						  app->menu_index - 10 : 0;
		else if (tui_action_for_key(key) == ACT_HOME)
			app->menu_index = 0;
		else if (tui_action_for_key(key) == ACT_END)
			app->menu_index = 1 << 20; /* the draw clamps it */
		else if (key != KEY_MOUSE)
			app->modal = MODAL_NONE;
		return TUI_REDRAW;
	case MODAL_NOTES:
		if (key != KEY_MOUSE)
			app->modal = MODAL_NONE;
		return TUI_REDRAW;
	case MODAL_PRESETS:
		return presets_key(app, key);
	case MODAL_FAMILY:
		return family_key(app, key);
	case MODAL_PROMPT:
		switch (line_edit_key(&app->prompt, key)) {
		case LINE_EDIT_COMMIT:
			return prompt_done(app);
		case LINE_EDIT_CANCEL:
			app->modal = MODAL_NONE;
			tui_message(app, false, "cancelled");
			return TUI_REDRAW;
		case LINE_EDIT_CONTINUE:
			return TUI_REDRAW;
		}
		return TUI_REDRAW;
	case MODAL_CONFIRM:
		return confirm_key(app, key);
	case MODAL_NONE:
		break;
	}
	return TUI_NOTHING;
}

/* A centred box of at most w x h cells; returns its rectangle. */
static struct rect centred(const struct app *app, int w, int h)
{
	struct rect r;

	r.w = w < app->width - 2 ? w : app->width - 2;
	r.h = h < app->height - 2 ? h : app->height - 2;
	r.x = (app->width - r.w) / 2;
	r.y = (app->height - r.h) / 2;
	for (int y = r.y; y < r.y + r.h; y++)
		draw_fill(y, r.x, r.w, ROLE_NORMAL);
	return r;
}

/* One line of the help screen: a key column and a piece of text. */
struct help_line {
	const char *keys; /* NULL on continuation lines */
	char text[128];
};

#define HELP_LINES 160

/*
 * Lays the help out for a text column of width: every action's sentence
 * wrapped under its keys, then a word on the panes.
 */
static int help_lines(int width, struct help_line *out)
{
	static const char *const panes =
		"Panes: Types (the only one you edit: global parameters and "
		"one row per type), Reservation and contract, Status and "
		"properties, and a view slot showing Rewards (r), "
		"Contributions (c), Welfare (w) or Notes (n). Below 80x24 "
		"the panes become tabs: Tab cycles them.";
	int n = 0;

	for (int i = 0; i < tui_actions_count + 1 && n < HELP_LINES; i++) {
		const char *text = i < tui_actions_count ? tui_actions[i].help :
							   panes;
		const char *keys = i < tui_actions_count ?
					   tui_actions[i].key_names : "";
		if (i == tui_actions_count)
			out[n++] = (struct help_line){ "", "" };
		while (*text && n < HELP_LINES) {
			int len = (int)strlen(text);
			if (len > width) {
				len = width;
				while (len > 0 && text[len] != ' ')
					len--;
				if (len == 0)
					len = width;
			}
			out[n].keys = keys;
			snprintf(out[n].text, sizeof(out[n].text), "%.*s", len, text);
			n++;
			keys = NULL;
			text += len;
			while (*text == ' ')
				text++;
		}
	}
	return n;
}

static void draw_help(struct app *app, int *cy, int *cx)
{
	static struct help_line lines[HELP_LINES];

	/* Blank the panes behind, so no border shows at the box's edges. */
	for (int y = 1; y < app->height - 1; y++)
		draw_fill(y, 0, app->width, ROLE_NORMAL);
	struct rect r = centred(app, 80, 44);
	int text_w = r.w - 17, rows = r.h - 2;

	if (text_w < 10)
		text_w = 10;
	int total = help_lines(text_w, lines);
	if (app->menu_index > total - rows)
		app->menu_index = total - rows > 0 ? total - rows : 0;
	draw_box(app, r, "Help: Up/Down scroll, any other key closes", true);
	for (int k = 0; k < rows && app->menu_index + k < total; k++) {
		const struct help_line *l = &lines[app->menu_index + k];
		int y = r.y + 1 + k;
		if (l->keys != NULL)
			draw_text(y, r.x + 2, 12, ROLE_KEY, l->keys);
		draw_text(y, r.x + 15, r.w - 17,
			  l->keys != NULL && l->keys[0] == '\0' ? ROLE_DIM :
								  ROLE_NORMAL,
			  l->text);
	}
	*cy = r.y;
	*cx = r.x + 2;
}

static void draw_presets(struct app *app, int *cy, int *cx)
{
	struct rect r = centred(app, 74, presets_count + 2);

	draw_box(app, r, "Presets (Enter loads, Esc closes)", true);
	for (int i = 0; i < presets_count && i < r.h - 2; i++) {
		struct scenario sc;
		struct cml_error err;
		int y = r.y + 1 + i;
		bool on = i == app->menu_index;
		if (preset_load(&presets[i], &sc, &err) != 0)
			continue;
		int len = 0;
		while (sc.description[len] && sc.description[len] != '\n')
			len++;
		draw_fill(y, r.x + 1, r.w - 2, on ? ROLE_CURSOR : ROLE_NORMAL);
		draw_textf(y, r.x + 2, r.w - 4, on ? ROLE_CURSOR : ROLE_NORMAL,
			   "%-10s N=%-3d I=%-2d %.*s", presets[i].name,
			   sc.participants, sc.ntypes, len, sc.description);
		if (on) {
			*cy = y;
			*cx = r.x + 2;
		}
	}
}

static void draw_families(struct app *app, int *cy, int *cx)
{
	int n = family_count(app);
	struct rect r = centred(app, 74, n + 2);

	draw_box(app, r, app->family_valuation ?
			 "Valuation family (Enter chooses, Esc closes)" :
			 "Accuracy family (Enter chooses, Esc closes)", true);
	for (int i = 0; i < n && i < r.h - 2; i++) {
		const char *name, *summary;
		int y = r.y + 1 + i;
		bool on = i == app->menu_index;
		family_entry(app, i, &name, &summary);
		draw_fill(y, r.x + 1, r.w - 2, on ? ROLE_CURSOR : ROLE_NORMAL);
		draw_textf(y, r.x + 2, r.w - 4, on ? ROLE_CURSOR : ROLE_NORMAL,
			   "%-8s %s", name, summary);
		if (on) {
			*cy = y;
			*cx = r.x + 2;
		}
	}
}

static void draw_notes(struct app *app, int *cy, int *cx)
{
	struct rect r = centred(app, 72, 14);

	draw_box(app, r, "Notes: what to notice (any key closes)", true);
	tui_wrap_text(app->scenario.description, r.y + 1, r.x + 2, r.w - 4,
		      r.h - 2, 0, ROLE_NORMAL);
	*cy = r.y;
	*cx = r.x + 2;
}

void tui_modal_draw(struct app *app, int *y, int *x)
{
	struct rect m = app->layout.message;
	static const char *const labels[] = {
		[PROMPT_OPEN] = "Open file: ",
		[PROMPT_SAVE] = "Save to: ",
		[PROMPT_EXPORT] = "Export report to: ",
		[PROMPT_FIGURE] = "Figure (.pdf .svg .png) to: ",
		[PROMPT_MAP_X] = "Map x axis (PARAM=FROM:TO:STEPS): ",
		[PROMPT_MAP_Y] = "Map y axis (PARAM=FROM:TO:STEPS): ",
		[PROMPT_OUTSIDE] = "Outside option (common, profit P, "
				   "sgb a_opt=.. k=..): ",
	};

	switch (app->modal) {
	case MODAL_HELP:
		draw_help(app, y, x);
		break;
	case MODAL_PRESETS:
		draw_presets(app, y, x);
		break;
	case MODAL_FAMILY:
		draw_families(app, y, x);
		break;
	case MODAL_NOTES:
		draw_notes(app, y, x);
		break;
	case MODAL_PROMPT: {
		const char *label = labels[app->prompt_purpose];
		int lw = draw_width(label);
		draw_fill(m.y, m.x, m.w, ROLE_NORMAL);
		draw_text(m.y, m.x + 1, lw, ROLE_KEY, label);
		line_edit_draw(&app->prompt, m.y, m.x + 1 + lw, m.w - lw - 2,
			       ROLE_EDIT, x);
		*y = m.y;
		break;
	}
	case MODAL_CONFIRM:
		draw_fill(m.y, m.x, m.w, ROLE_NORMAL);
		*x = m.x + 1 + draw_text(m.y, m.x + 1, m.w - 2, ROLE_WARN,
					 app->confirm_question);
		*y = m.y;
		break;
	case MODAL_NONE:
		break;
	}
}
