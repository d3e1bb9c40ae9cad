/*
 * test-tui.c - golden screens: the explorer on a fixed-size virtual
 * terminal (curses writing to /dev/null), driven by scripted keys, the
 * screen read back and compared with tests/golden/NAME.txt.
 *
 * Run with CMLCONTRACT_UPDATE_GOLDEN=1 to write the files after a change
 * that is meant to alter the screen; then review them with git diff.
 * Also checks that the man page lists every key of the action table.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "numfmt.h"
#include "presets.h"
#include "sweep.h"
#include "scenario-yaml.h"
#include "tui-actions.h"
#include "tui-app.h"
#include "tui-term.h"
#include "testutil.h"

#define KEY_ESCAPE 27

static struct app app;

/* Opens the explorer on scenario sc at w x h, ASCII, timings hidden. */
static void open_scenario(const struct scenario *sc, const char *source,
			  int w, int h)
{
	struct tui_options opt = { .ascii = true, .color = false,
				   .fixed_clock = true };
	char why[256];

	assert_int_equal(tui_app_init(&app, &opt, sc, "", source), 0);
	if (tui_term_open_virtual(&app, w, h, "xterm", why, sizeof(why)) != 0)
		fail_msg("%s", why);
	tui_app_start(&app);
	tui_app_wait_solve(&app);
	tui_app_draw(&app);
}

/* Opens the explorer on preset name. */
static void open_app(const char *name, int w, int h)
{
	struct scenario sc;
	struct cml_error err;
	char source[80];

	assert_int_equal(preset_load(preset_find(name), &sc, &err), 0);
	snprintf(source, sizeof(source), "preset:%s", name);
	open_scenario(&sc, source, w, h);
}

static void close_app(void)
{
	tui_term_close();
	tui_app_free(&app);
}

/*
 * Feeds keys (0-terminated), settling, waiting for the solve they ask
 * for and drawing after each.
 */
static void keys(const int *seq)
{
	for (; *seq; seq++) {
		int flags = tui_app_key(&app, *seq);
		tui_app_settle(&app, flags);
		tui_app_wait_solve(&app); /* the answer, as the loop shows it */
		tui_app_draw(&app);
	}
}

static void type_text(const char *text)
{
	for (; *text; text++) {
		int k[2] = { (unsigned char)*text, 0 };
		keys(k);
	}
}

static void resize(int w, int h)
{
	resizeterm(h, w);
	int k[2] = { KEY_RESIZE, 0 };
	keys(k);
}

/* The screen as text, one line per row, trailing spaces removed. */
static char *screen_text(void)
{
	int h, w;
	getmaxyx(stdscr, h, w);
	if (h < 1 || w < 1 || h > 500 || w > 500)
		h = w = 1;
	char *text = calloc((size_t)h, (size_t)w + 2);
	char *p = text;

	for (int y = 0; y < h; y++) {
		char line[512];
		mvinnstr(y, 0, line, w < 511 ? w : 511);
		int len = (int)strlen(line);
		while (len > 0 && line[len - 1] == ' ')
			len--;
		memcpy(p, line, (size_t)len);
		p += len;
		*p++ = '\n';
	}
	*p = '\0';
	return text;
}

/* Compares the screen with tests/golden/name.txt (or writes it). */
static void assert_screen(const char *name)
{
	char path[512], *expected = NULL;
	char *actual = screen_text();
	size_t len = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.txt", GOLDEN_DIR, name);
	if (getenv("CMLCONTRACT_UPDATE_GOLDEN") != NULL) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(actual, f);
		fclose(f);
		free(actual);
		return;
	}
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("missing %s (run with CMLCONTRACT_UPDATE_GOLDEN=1)", path);
	expected = calloc(1, 1 << 16);
	len = fread(expected, 1, (1 << 16) - 1, f);
	fclose(f);
	expected[len] = '\0';
	if (strcmp(expected, actual) != 0) {
		/* Show the first line that differs. */
		const char *a = actual, *e = expected;
		int line = 1;
		while (*a && *a == *e) {
			if (*a == '\n')
				line++;
			a++;
			e++;
		}
		fprintf(stderr, "screen %s differs at line %d; now:\n%s\n", name,
			line, actual);
		free(expected);
		free(actual);
		fail_msg("screen %s differs from %s", name, path);
	}
	free(expected);
	free(actual);
}

/* Does the screen show text somewhere? */
static bool screen_has(const char *text)
{
	char *s = screen_text();
	bool found = strstr(s, text) != NULL;

	free(s);
	return found;
}

static void test_default_80x24(void **state)
{
	(void)state;
	open_app("scenario3", 80, 24);
	assert_screen("notes-80x24");
	keys((int[]){ KEY_ESCAPE, 0 });
	assert_screen("scenario3-80x24");
	keys((int[]){ 'r', 0 });
	assert_screen("rewards-80x24");
	keys((int[]){ 'c', 0 });
	assert_screen("contrib-80x24");
	keys((int[]){ 'w', 0 });
	assert_screen("welfare-80x24");
	keys((int[]){ 'w', '?', 0 });
	assert_screen("help-80x24");
	close_app();
}

/* Counts of one read in the singular: "1 outcome", not "1 outcomes". */
static void test_singular_counts(void **state)
{
	(void)state;
	struct scenario sc;
	double cost = 0.02, prob = 1.0;

	test_scenario(&sc, 1, 1, &cost, &prob);
	open_scenario(&sc, "one", 80, 24);
	char *text = screen_text();
	if (strstr(text, "exact: 1 outcome\n") == NULL ||
	    strstr(text, "1 outcomes") != NULL)
		fail_msg("header without '1 outcome':\n%s", text);
	free(text);
	close_app();
}

/* In ASCII the mark for t_i is a letter, not an operator such as "<". */
static void test_ascii_reward_mark(void **state)
{
	(void)state;
	open_app("scenario3", 80, 24);
	keys((int[]){ KEY_ESCAPE, 'r', 0 });
	char *text = screen_text();
	if (strstr(text, "v(r_i), T = t_i") == NULL ||
	    strstr(text, "#<") != NULL)
		fail_msg("t_i not marked T:\n%s", text);
	free(text);
	close_app();
}

/* Ctrl-C asks like q when there are unsaved changes, and quits if none. */
static void test_ctrl_c_asks(void **state)
{
	(void)state;
	open_app("twotype", 80, 24);
	keys((int[]){ KEY_ESCAPE, 'C' & 0x1f, 0 });
	assert_true(app.quit);
	close_app();
	open_app("twotype", 80, 24);
	keys((int[]){ KEY_ESCAPE, ']', 'C' & 0x1f, 0 });
	assert_false(app.quit);
	char *text = screen_text();
	if (strstr(text, "unsaved changes. Quit anyway?") == NULL)
		fail_msg("Ctrl-C did not ask:\n%s", text);
	free(text);
	keys((int[]){ 'C' & 0x1f, 0 }); /* at the question: cancels */
	assert_false(app.quit);
	keys((int[]){ 'C' & 0x1f, 'y', 0 });
	assert_true(app.quit);
	close_app();
}

/* A directory as a save path is refused at once, with no question. */
static void test_save_to_directory(void **state)
{
	(void)state;
	char dir[] = "/tmp/cmltest-dirXXXXXX";

	assert_non_null(mkdtemp(dir));
	open_app("twotype", 80, 24);
	keys((int[]){ KEY_ESCAPE, 's', 'U' & 0x1f, 0 });
	type_text(dir);
	keys((int[]){ '\r', 0 });
	char *text = screen_text();
	if (strstr(text, "Overwrite") != NULL ||
	    strstr(text, "is a directory") == NULL) {
		fprintf(stderr, "%s", text);
		fail_msg("directory not refused at once");
	}
	free(text);
	close_app();
	rmdir(dir);
}

/* The help overlay covers the panes: no pane border beside its box. */
static void test_help_clean(void **state)
{
	(void)state;
	open_app("scenario3", 80, 24);
	keys((int[]){ KEY_ESCAPE, '?', 0 });
	char *text = screen_text();
	/* Below the header, no row starts with two borders ("||", "+|"). */
	const char *line = strchr(text, '\n') + 1;
	for (; *line; line = strchr(line, '\n') + 1)
		if ((line[0] == '|' || line[0] == '+') &&
		    (line[1] == '|' || line[1] == '+'))
			fail_msg("pane border beside the help:\n%s", text);
	free(text);
	close_app();
}

static void test_full_160x48(void **state)
{
	(void)state;
	open_app("scenario3", 160, 48);
	/* The notes have a pane here, so nothing pops up. */
	assert_int_equal(app.modal, MODAL_NONE);
	assert_screen("scenario3-160x48");
	keys((int[]){ 'x', 0 });
	assert_true(app.show_slacks);
	assert_true(screen_has("worst slack"));
	close_app();
	/* Scenario 2 pools everyone: every reward equal to the last bits. */
	open_app("scenario2", 160, 48);
	assert_screen("scenario2-160x48");
	close_app();
}

/* Editing in place: the cell shows the text typed, Enter commits. */
static void test_edit_and_refuse(void **state)
{
	(void)state;
	open_app("twotype", 80, 24);
	keys((int[]){ KEY_ESCAPE, 0 });
	type_text("0.03");
	assert_true(app.editing);
	assert_screen("editing-80x24");
	keys((int[]){ '\r', 0 });
	assert_false(app.editing);
	assert_true(app.scenario.types[0].cost == 0.03);
	assert_true(screen_has("twotype*"));
	/* Equal costs are refused; the editor stays open with the text. */
	keys((int[]){ KEY_DOWN, '\r', 0 });
	keys((int[]){ 21 /* Ctrl-U */, 0 });
	type_text("0.03");
	keys((int[]){ '\r', 0 });
	assert_true(app.editing);
	assert_true(screen_has("refused: type 1 already has cost 0.03"));
	assert_true(app.scenario.types[1].cost == 0.01);
	keys((int[]){ KEY_ESCAPE, 0 });
	assert_false(app.editing);
	/* A probability edit rescales the other one, visibly. */
	keys((int[]){ KEY_RIGHT, '\r', 21, 0 });
	type_text("0.7");
	keys((int[]){ '\r', 0 });
	assert_true(app.scenario.types[1].prob == 0.7);
	assert_true(app.scenario.types[0].prob > 0.2999 &&
		    app.scenario.types[0].prob < 0.3001);
	assert_true(screen_has("other probabilities were rescaled"));
	/* Undo, redo. */
	keys((int[]){ 'u', 0 });
	assert_true(app.scenario.types[1].prob == 0.5);
	keys((int[]){ 18 /* Ctrl-R */, 0 });
	assert_true(app.scenario.types[1].prob == 0.7);
	close_app();
}

/* Every size: full, medium, compact tabs, the notice, and back. */
static void test_resize(void **state)
{
	(void)state;
	open_app("scenario1", 120, 40);
	keys((int[]){ KEY_ESCAPE, 0 });
	assert_int_equal(app.layout.mode, LAYOUT_MEDIUM);
	assert_screen("scenario1-120x40");
	resize(60, 20);
	assert_int_equal(app.layout.mode, LAYOUT_COMPACT);
	assert_screen("compact-60x20");
	keys((int[]){ '\t', '\t', 0 });
	assert_int_equal(app.compact_pane, PANE_STATUS);
	assert_screen("compact-status-60x20");
	resize(30, 10);
	assert_int_equal(app.layout.mode, LAYOUT_TOO_SMALL);
	assert_screen("too-small-30x10");
	resize(160, 48);
	assert_int_equal(app.layout.mode, LAYOUT_FULL);
	assert_true(screen_has("PARTIAL POOLING"));
	close_app();
}

/* The presets menu loads every preset; u returns to the previous one. */
static void test_presets_menu(void **state)
{
	(void)state;
	open_app("twotype", 100, 30);
	keys((int[]){ KEY_ESCAPE, 0 });
	for (int i = 0; i < presets_count; i++) {
		keys((int[]){ 'p', 0 });
		/* The menu opens on the current preset. */
		int at = app.menu_index;
		for (int k = at; k < i; k++)
			keys((int[]){ KEY_DOWN, 0 });
		for (int k = i; k < at; k++)
			keys((int[]){ KEY_UP, 0 });
		keys((int[]){ '\r', KEY_ESCAPE, 0 });
		assert_string_equal(app.scenario.name, presets[i].name);
		assert_true(app.have_contract && !app.stale);
	}
	keys((int[]){ 'u', 0 });
	assert_string_equal(app.scenario.name, presets[presets_count - 2].name);
	close_app();
}

/* The map: filled in, a cursor with exact values, Enter loads a point. */
static void test_map(void **state)
{
	(void)state;
	open_app("figure2", 120, 40);
	keys((int[]){ KEY_ESCAPE, 'm', 0 });
	assert_true(app.layout.visible[PANE_MAP]);
	while (tui_map_work(&app, 10.0))
		;
	tui_app_draw(&app);
	assert_screen("map-120x40");
	/* Information cost: its minimum, -1.62, is at N = 2, p1 near 0.5. */
	keys((int[]){ 'v', 'v', 0 });
	assert_true(screen_has("information cost"));
	/* Every point negative: the diverging scale's positive side unused. */
	assert_true(screen_has("-1.624 #=-0+*@ +1.624"));
	assert_true(screen_has("(here -1.624 to -"));
	/*
	 * Type 1's rent is 0 at every point (it breaks even): the map says
	 * so instead of stretching rounding noise over the ramp.
	 */
	for (int k = 0; k < 16 && !screen_has("rent of type 1"); k++)
		keys((int[]){ 'v', 0 });
	assert_true(screen_has(": constant, 0 at every point"));
	while (!screen_has("information cost"))
		keys((int[]){ 'v', 0 });
	/* Move to the bottom row (N = 2), middle column, read it, load it. */
	for (int k = 0; k < 60; k++)
		keys((int[]){ KEY_DOWN, KEY_LEFT, 0 });
	for (int k = 0; k < 14; k++)
		keys((int[]){ KEY_RIGHT, 0 });
	assert_int_equal(app.map.cy, 0);
	assert_int_equal(app.map.cx, 14);
	assert_true(screen_has("p.1 = 0.483103, N = 2: separating {1} {2}"));
	keys((int[]){ '\r', 0 });
	assert_int_equal(app.scenario.participants, 2);
	assert_true(app.scenario.types[0].prob > 0.4830 &&
		    app.scenario.types[0].prob < 0.4832);
	if (!screen_has("loaded p.1 = 0.483103, N = 2 into the editor")) {
		char *text = screen_text();
		fprintf(stderr, "%s", text);
		fail_msg("no load message");
	}
	/* The grid does not depend on the swept parameters: it stays. */
	assert_true(tui_map_work(&app, 0.0) == false);
	close_app();
}

/*
 * At 60 columns the map's cursor line keeps the point and the value of
 * the quantity whole, dropping the groups and the status instead.
 */
static void test_map_line_fits(void **state)
{
	(void)state;
	open_app("figure2", 60, 20);
	keys((int[]){ KEY_ESCAPE, 'm', 0 });
	while (tui_map_work(&app, 10.0))
		;
	for (int k = 0; k < 16 && !screen_has("rent of type 2"); k++)
		keys((int[]){ 'v', 0 });
	for (int k = 0; k < 10; k++)
		keys((int[]){ KEY_RIGHT, KEY_UP, 0 });
	const struct sweep_point *pt = sweep_at(app.map.sweep, app.map.cx,
						app.map.cy);
	char want[64], num[32];
	snprintf(want, sizeof(want), "rent of type 2 %s",
		 numfmt_sig(num, sizeof(num), pt->contract.type[1].rent, 6));
	assert_true(screen_has(want));
	close_app();
}

/*
 * A list pane that cannot show every row scrolls with the arrow keys
 * and marks what it hides: at 80x24 contributions show 3 of 5 types.
 */
static void test_list_panes_scroll(void **state)
{
	(void)state;
	open_app("scenario3", 80, 24);
	keys((int[]){ KEY_ESCAPE, 'c', 0 });
	assert_true(screen_has("v 2 more"));
	assert_false(screen_has("5 Type 5  m~"));
	for (int k = 0; k < 8 && app.focus != PANE_CONTRIB; k++)
		keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_CONTRIB);
	keys((int[]){ KEY_DOWN, KEY_DOWN, KEY_DOWN, 0 });
	assert_true(screen_has("5 Type 5  m~"));
	assert_true(screen_has("^ 2 more"));
	assert_false(screen_has("v 2 more"));
	keys((int[]){ KEY_HOME, 0 });
	assert_true(screen_has("1 Type 1  m~"));
	/* The status pane at 45x14 shows 6 of its 8 checks, and the rest. */
	close_app();
	open_app("scenario3", 45, 14);
	keys((int[]){ KEY_ESCAPE, 0 });
	/* The types pane follows its cursor and marks the rows it hides. */
	assert_int_equal(app.focus, PANE_TYPES);
	assert_true(screen_has("v 2 more"));
	keys((int[]){ KEY_END, 0 });
	assert_true(screen_has("5 Type 5"));
	assert_true(screen_has("^ "));
	keys((int[]){ KEY_HOME, 0 });
	for (int k = 0; k < 8 && app.focus != PANE_STATUS; k++)
		keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_STATUS);
	assert_true(screen_has("more"));
	keys((int[]){ KEY_END, 0 });
	assert_true(screen_has("8 Original budget"));
	/* The notes, cut mid-sentence before, scroll to their last word. */
	for (int k = 0; k < 8 && app.focus != PANE_NOTES; k++)
		keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_NOTES);
	assert_true(screen_has("more"));
	assert_false(screen_has("contributions."));
	keys((int[]){ KEY_END, 0 });
	assert_true(screen_has("contributions."));
	close_app();
	/* Twelve types at 80x24: the contract table scrolls to type 12. */
	struct scenario twelve;
	double cost[12], prob[12];
	for (int i = 0; i < 12; i++) {
		cost[i] = 0.5 * pow(0.6, i);
		prob[i] = 1.0 / 12.0;
	}
	test_scenario(&twelve, 3, 12, cost, prob);
	open_scenario(&twelve, "twelve", 80, 24);
	for (int k = 0; k < 8 && app.focus != PANE_CONTRACT; k++)
		keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_CONTRACT);
	assert_true(screen_has("more"));
	keys((int[]){ KEY_END, 0 });
	assert_true(screen_has(" 12 "));
	assert_true(screen_has("^ "));
	close_app();
}

/*
 * At 80x24 Figure 2's map shows a few of its 50 rows, yet the cursor
 * steps one grid point per key, so every point can be reached and read.
 */
static void test_map_every_point_reachable(void **state)
{
	(void)state;
	open_app("figure2", 80, 24);
	keys((int[]){ KEY_ESCAPE, 'm', 0 });
	while (tui_map_work(&app, 10.0))
		;
	for (int k = 0; k < 60; k++)
		keys((int[]){ KEY_DOWN, KEY_LEFT, 0 });
	assert_int_equal(app.map.cx, 0);
	assert_int_equal(app.map.cy, 0);
	for (int k = 1; k < 50; k++) {
		keys((int[]){ KEY_UP, 0 });
		assert_int_equal(app.map.cy, k);
	}
	for (int k = 1; k < 30; k++) {
		keys((int[]){ KEY_RIGHT, 0 });
		assert_int_equal(app.map.cx, k);
	}
	assert_true(screen_has("p.1 = 0.99, N = 100"));
	/* Zoomed, the map takes the screen: more of its rows, and back. */
	int rows_before = app.layout.pane[PANE_MAP].h;
	assert_int_equal(app.focus, PANE_MAP);
	keys((int[]){ 'z', 0 });
	assert_true(app.zoomed);
	assert_false(app.layout.visible[PANE_TYPES]);
	assert_true(app.layout.pane[PANE_MAP].h == 24 - 3 &&
		    app.layout.pane[PANE_MAP].h > rows_before);
	assert_true(screen_has("p.1 = 0.99, N = 100"));
	/* Tab moves the zoom on; z again restores the layout. */
	keys((int[]){ '\t', 0 });
	assert_false(app.layout.visible[PANE_MAP]);
	assert_true(app.layout.visible[app.focus]);
	keys((int[]){ 'z', 0 });
	assert_false(app.zoomed);
	assert_true(app.layout.visible[PANE_TYPES]);
	close_app();
}

/*
 * A failed solve keeps the last good contract on screen, marked stale,
 * and says why; the next good solve clears the mark.
 */
static void test_stale_after_failed_solve(void **state)
{
	(void)state;
	open_app("scenario1", 100, 30);
	keys((int[]){ KEY_ESCAPE, 0 });
	double before = app.contract.expected_value;
	solve_worker_set_maxeval(app.worker, 2); /* too few to converge */
	keys((int[]){ '+', 0 });
	assert_true(app.stale);
	assert_true(app.contract.expected_value == before);
	assert_true(screen_has("STALE: the optimiser ran out"));
	assert_true(screen_has("stale: last good solution shown"));
	assert_true(screen_has("solve failed"));
	/* The edit itself happened: the scenario is the new one. */
	assert_true(app.scenario.types[0].cost > 0.2);
	solve_worker_set_maxeval(app.worker, 3000);
	keys((int[]){ '-', 0 });
	assert_false(app.stale);
	assert_false(screen_has("STALE"));
	close_app();
}

/*
 * The complete-information benchmark (a root per outcome) is computed
 * only when the welfare pane or an export needs it, not on every key.
 */
static void test_welfare_on_demand(void **state)
{
	(void)state;
	char path[] = "/tmp/cmlcontract-export-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	open_app("scenario3", 80, 24);
	keys((int[]){ KEY_ESCAPE, 0 });
	assert_false(app.have_complete);
	keys((int[]){ 'w', 0 });
	assert_true(app.have_complete);
	assert_true(screen_has("-0.4317"));
	/* A solve while the pane is hidden leaves it for later. */
	keys((int[]){ 'w', '+', 0 });
	assert_false(app.have_complete);
	keys((int[]){ 'u', 0 });
	assert_false(app.have_complete);
	/* An export still reports it. */
	keys((int[]){ 'e', 21 /* Ctrl-U */, 0 });
	type_text(path);
	keys((int[]){ '\r', 'y', 0 });
	assert_true(screen_has("report written to"));
	FILE *f = fopen(path, "r");
	char text[8192] = "";
	assert_non_null(f);
	size_t len = fread(text, 1, sizeof(text) - 1, f);
	text[len] = '\0';
	fclose(f);
	unlink(path);
	assert_non_null(strstr(text, "information cost = -0.431733"));
	close_app();
}

/*
 * A positive information cost (issue 7): the paper's benchmark holds
 * every IR ex post, the contract only on average, so with two parties
 * the contract (48.677) beats it (43.433).  The welfare pane and the map
 * must show the sign, not hide it.
 */
static void test_positive_information_cost(void **state)
{
	(void)state;
	static const char yaml[] =
		"name: positive-information-cost\n"
		"participants: 2\n"
		"types:\n"
		"  - {cost: 1.187201, prob: 0.6402}\n"
		"  - {cost: 0.029113, prob: 0.3598}\n";
	struct scenario sc;
	struct cml_error err;

	assert_int_equal(scenario_load_string(yaml, sizeof(yaml) - 1,
					      "positive.yaml", &sc, NULL, &err),
			 0);
	open_scenario(&sc, "positive.yaml", 80, 24);
	keys((int[]){ KEY_ESCAPE, 'w', 0 });
	assert_true(app.have_complete);
	assert_true(app.contract.complete.information_cost > 5.0);
	assert_screen("welfare-positive-80x24");
	assert_true(screen_has("+5.2435 contract beats the ex-post benchmark"));
	/* The map: the information cost on a scale diverging around 0. */
	resize(120, 40);
	keys((int[]){ 'm', 0 });
	while (tui_map_work(&app, 10.0))
		;
	keys((int[]){ 'v', 'v', 0 });
	assert_true(screen_has("Map: information cost"));
	assert_true(screen_has(" #=-0+*@ +"));
	assert_true(screen_has("<0 value lost, >0 contract beats ex-post "
			       "benchmark"));
	/* At N = 2 the cost is positive, at N = 100 negative. */
	assert_true(screen_has("N = 2: separating {1} {2}"));
	assert_true(screen_has("information cost +"));
	assert_true(screen_has("  2 ++++"));
	assert_true(screen_has("100 +----"));
	close_app();
}

/* A click focuses the pane under it and selects the cell. */
static void test_mouse_click(void **state)
{
	(void)state;
	open_app("scenario3", 160, 48);
	struct rect r = app.layout.pane[PANE_TYPES];
	MEVENT ev = { .id = 0, .x = r.x + 21, .y = r.y + 1 + 4 + 1 + 2,
		      .z = 0, .bstate = BUTTON1_CLICKED };
	app.focus = PANE_STATUS;
	tui_term_set_mouse(true);
	ungetmouse(&ev);
	keys((int[]){ KEY_MOUSE, 0 });
	assert_int_equal(app.focus, PANE_TYPES);
	assert_int_equal(app.row, TYPES_GLOBAL_ROWS + 2); /* type 3 */
	assert_int_equal(app.col, 1);                    /* its cost */
	/* With capture off, clicks are the terminal's. */
	tui_term_set_mouse(false);
	ev.x = r.x + 31; /* the prob cell */
	ungetmouse(&ev);
	keys((int[]){ KEY_MOUSE, 0 });
	assert_int_equal(app.col, 1);
	close_app();
}

/*
 * Keys as terminals send them: an unknown sequence and a paste outside an
 * edit change nothing; Home and End go to the first and last row; a paste
 * into an open cell inserts its first line and does not commit.
 */
static void test_unknown_keys_home_end_paste(void **state)
{
	(void)state;
	open_app("twotype", 80, 24);
	int close_notes[] = { KEY_ESCAPE, 0 };
	keys(close_notes);
	assert_int_equal(app.modal, MODAL_NONE);
	int unknown[] = { TUI_KEY_UNKNOWN, TUI_KEY_UNKNOWN, 0 };
	keys(unknown);
	assert_int_equal(app.scenario.participants, 10);
	assert_false(app.editing);
	assert_string_equal(app.message, "unknown key (ignored)");
	tui_app_settle(&app, tui_app_paste(&app, "q[4]\r0.5"));
	assert_int_equal(app.scenario.participants, 10);
	assert_false(app.editing);
	assert_false(app.quit);
	assert_false(tui_modified(&app));
	int end[] = { KEY_END, 0 }, home[] = { KEY_HOME, 0 };
	keys(end);
	assert_int_equal(app.row, TYPES_GLOBAL_ROWS + 1);
	keys(home);
	assert_int_equal(app.row, 0);
	keys(end);
	int edit[] = { KEY_UP, '\r', 'U' & 0x1f, 0 };
	keys(edit);
	assert_true(app.editing);
	tui_app_settle(&app, tui_app_paste(&app, "\r\n0.0\t5\r0.07\r"));
	tui_app_draw(&app);
	assert_true(app.editing);
	assert_string_equal(app.edit.text, "0.05");
	int commit[] = { '\r', 0 };
	keys(commit);
	assert_false(app.editing);
	assert_true(app.scenario.types[0].cost == 0.05 ||
		    app.scenario.types[1].cost == 0.05);
	close_app();
}

/* The man page documents every key of the action table. */
/*
 * The open dialog refuses a FIFO at once (its open() would block until a
 * writer came, deaf to keys; the alarm turns that hang into a failure).
 */
static void test_open_fifo(void **state)
{
	char dir[] = "/tmp/cml-tui-fifo.XXXXXX", path[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f.yaml", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	open_app("twotype", 100, 30);
	keys((int[]){ KEY_ESCAPE, 'o', 0 });
	type_text(path);
	alarm(10);
	keys((int[]){ '\r', 0 });
	alarm(0);
	if (!screen_has("not a regular file (a FIFO)")) {
		char *t = screen_text();
		fprintf(stderr, "%s\n", t);
		free(t);
		fail();
	}
	assert_string_equal(app.scenario.name, "twotype");
	close_app();
	unlink(path);
	rmdir(dir);
}

/*
 * Control characters in names and notes are drawn as visible escapes
 * (curses would otherwise show them as '?' or pass C1 codes on).
 */
static void test_control_characters_escaped(void **state)
{
	struct scenario sc;
	struct cml_error err;

	(void)state;
	assert_int_equal(preset_load(preset_find("twotype"), &sc, &err), 0);
	snprintf(sc.name, sizeof(sc.name), "x\x1b[2Jy");
	snprintf(sc.types[0].name, sizeof(sc.types[0].name), "t\x7f\xc2\x9bu");
	snprintf(sc.description, sizeof(sc.description), "notes\x07here");
	open_scenario(&sc, "test", 160, 48);
	if (!screen_has("t\\x7f\\u009bu") || !screen_has("x\\x1b[2Jy") ||
	    !screen_has("notes\\x07here")) {
		char *t = screen_text();
		fprintf(stderr, "%s\n", t);
		free(t);
		fail();
	}
	keys((int[]){ KEY_ESCAPE, 0 });
	close_app();
}

static void test_man_page_lists_every_key(void **state)
{
	(void)state;
	FILE *f = fopen(MAN_PAGE, "r");
	char *man = calloc(1, 1 << 17);

	assert_non_null(f);
	size_t len = fread(man, 1, (1 << 17) - 1, f);
	fclose(f);
	man[len] = '\0';
	for (int i = 0; i < tui_actions_count; i++) {
		/* mdoc escapes a leading punctuation key as \&. */
		char tag[64], escaped[64];
		snprintf(tag, sizeof(tag), ".It Cm %s\n", tui_actions[i].key_names);
		snprintf(escaped, sizeof(escaped), ".It Cm \\&%s\n",
			 tui_actions[i].key_names);
		if (strstr(man, tag) == NULL && strstr(man, escaped) == NULL)
			fail_msg("man page lacks the key line '%s'", tag);
	}
	free(man);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_80x24),
		cmocka_unit_test(test_full_160x48),
		cmocka_unit_test(test_singular_counts),
		cmocka_unit_test(test_save_to_directory),
		cmocka_unit_test(test_ctrl_c_asks),
		cmocka_unit_test(test_help_clean),
		cmocka_unit_test(test_ascii_reward_mark),
		cmocka_unit_test(test_edit_and_refuse),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_presets_menu),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_map_every_point_reachable),
		cmocka_unit_test(test_list_panes_scroll),
		cmocka_unit_test(test_map_line_fits),
		cmocka_unit_test(test_stale_after_failed_solve),
		cmocka_unit_test(test_mouse_click),
		cmocka_unit_test(test_open_fifo),
		cmocka_unit_test(test_control_characters_escaped),
		cmocka_unit_test(test_welfare_on_demand),
		cmocka_unit_test(test_positive_information_cost),
		cmocka_unit_test(test_unknown_keys_home_end_paste),
		cmocka_unit_test(test_man_page_lists_every_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
