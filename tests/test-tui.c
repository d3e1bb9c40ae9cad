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
#include "tui-harness.h"

#define KEY_ESCAPE 27

/* Compares the screen with tests/golden/name.txt (or writes it). */
static void assert_screen(const char *name)
{
	char path[512], *expected = NULL;
	char *actual = harness_screen();
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


static void test_default_80x24(void **state)
{
	(void)state;
	harness_open_preset("scenario3", 80, 24);
	assert_screen("notes-80x24");
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	assert_screen("scenario3-80x24");
	harness_keys((int[]){ 'r', 0 });
	assert_screen("rewards-80x24");
	harness_keys((int[]){ 'c', 0 });
	assert_screen("contrib-80x24");
	harness_keys((int[]){ 'w', 0 });
	assert_screen("welfare-80x24");
	harness_keys((int[]){ 'w', '?', 0 });
	assert_screen("help-80x24");
	harness_close();
}

/* Counts of one read in the singular: "1 outcome", not "1 outcomes". */
static void test_singular_counts(void **state)
{
	(void)state;
	struct scenario sc;
	double cost = 0.02, prob = 1.0;

	test_scenario(&sc, 1, 1, &cost, &prob);
	harness_open(&sc, "one", 80, 24, true);
	char *text = harness_screen();
	if (strstr(text, "exact: 1 outcome\n") == NULL ||
	    strstr(text, "1 outcomes") != NULL)
		fail_msg("header without '1 outcome':\n%s", text);
	free(text);
	harness_close();
}

/*
 * A power scenario: the header prints the family's own parameters, the
 * types pane one row per parameter (N, a_opt, b, alpha, scale) and each
 * is editable; the types follow them.
 */
static void test_power_family_rows(void **state)
{
	(void)state;
	struct scenario sc;
	const double cost[2] = { 0.02, 0.01 }, prob[2] = { 0.5, 0.5 };
	char why[128];

	test_scenario(&sc, 4, 2, cost, prob);
	accuracy_init_default(&sc.accuracy, accuracy_family_find("power"));
	sc.accuracy.param[0] = 0.9;
	sc.accuracy.param[1] = 2;
	sc.accuracy.param[2] = 0.5;
	assert_int_equal(accuracy_prepare(&sc.accuracy, why, sizeof(why)), 0);
	harness_open(&sc, "power", 120, 36, true);
	char *text = harness_screen();
	if (strstr(text, "| N=4 | power a_opt=0.9 b=2 alpha=0.5 | linear "
			 "scale=100 ") == NULL ||
	    strstr(text, "| alpha  0.5  ") == NULL ||
	    strstr(text, "| b      2  ") == NULL ||
	    strstr(text, "| scale  100  ") == NULL)
		fail_msg("power parameters not shown:\n%s", text);
	free(text);
	assert_int_equal(types_global_rows(&app.scenario), 5);
	assert_int_equal(app.row, 5); /* the first type */
	assert_int_equal(app.focus, PANE_TYPES);
	app.row = 3; /* alpha */
	harness_type("0.75");
	harness_keys((int[]){ '\r', 0 });
	assert_true(app.scenario.accuracy.param[2] == 0.75);
	assert_true(harness_screen_has("alpha=0.75"));
	app.row = 4; /* scale */
	harness_type("50");
	harness_keys((int[]){ '\r', 0 });
	assert_true(app.scenario.valuation.param[0] == 50);
	harness_close();
}

/*
 * F on a family row: the menu of that kind's families; choosing one
 * keeps the shared parameters (a_opt), gives the others their defaults,
 * re-solves and lays the rows out again; u undoes it.  Elsewhere F says
 * where it works.
 */
static void test_family_menu(void **state)
{
	(void)state;
	harness_open_preset("twotype", 120, 36);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	app.row = 4; /* a type: no family here */
	harness_keys((int[]){ 'F', 0 });
	assert_int_equal(app.modal, MODAL_NONE);
	assert_true(harness_screen_has("F chooses a family"));
	app.row = 1; /* a_opt */
	harness_type("0.9");
	harness_keys((int[]){ '\r', 'F', 0 });
	assert_int_equal(app.modal, MODAL_FAMILY);
	assert_true(harness_screen_has("Accuracy family (Enter chooses"));
	assert_true(harness_screen_has("scaling law"));
	int power = -1;
	for (int i = 0; accuracy_families[i] != NULL; i++)
		if (strcmp(accuracy_families[i]->name, "power") == 0)
			power = i;
	assert_true(power > app.menu_index); /* opened on sgb, the first */
	while (app.menu_index < power)
		harness_keys((int[]){ KEY_DOWN, 0 });
	harness_keys((int[]){ '\r', 0 });
	assert_int_equal(app.modal, MODAL_NONE);
	assert_string_equal(app.scenario.accuracy.family->name, "power");
	assert_true(app.scenario.accuracy.param[0] == 0.9); /* kept */
	assert_true(app.scenario.accuracy.param[2] ==
		    accuracy_family_find("power")->params[2].def);
	assert_int_equal(types_global_rows(&app.scenario), 5);
	assert_true(app.have_contract && !app.stale);
	assert_true(harness_screen_has("power a_opt=0.9"));
	assert_true(harness_screen_has("accuracy family power (u undoes)"));
	harness_keys((int[]){ 'u', 0 });
	assert_string_equal(app.scenario.accuracy.family->name, "sgb");
	/* The valuation row lists valuation families; Esc closes. */
	app.row = 3; /* scale */
	harness_keys((int[]){ 'F', 0 });
	assert_true(harness_screen_has("Valuation family"));
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	assert_int_equal(app.modal, MODAL_NONE);
	harness_keys((int[]){ '\t', 'F', 0 });
	assert_true(harness_screen_has("F chooses a family in the Types pane"));
	harness_close();
}

/*
 * O on a type's row: a prompt with its outside option as text; "profit
 * 70" gives it a fixed profit (f_2 = 70 in the model), re-solved,
 * marked "+" in the types pane, and undoable; a bad word is refused with the reason; on a global row O
 * says where it works.
 */
static void test_outside_option_prompt(void **state)
{
	(void)state;
	harness_open_preset("twotype", 120, 36);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	app.row = 1;
	harness_keys((int[]){ 'O', 0 });
	assert_int_equal(app.modal, MODAL_NONE);
	assert_true(harness_screen_has("move to a type's row"));
	app.row = types_global_rows(&app.scenario) + 1; /* type 2 */
	harness_keys((int[]){ 'O', 0 });
	assert_int_equal(app.modal, MODAL_PROMPT);
	assert_true(harness_screen_has("Outside option (common, profit P"));
	assert_true(harness_screen_has("common"));
	harness_keys((int[]){ 'U' & 0x1f, 0 });
	harness_type("profit 70");
	harness_keys((int[]){ '\r', 0 });
	assert_int_equal(app.modal, MODAL_NONE);
	assert_int_equal(app.scenario.types[1].outside.kind, OUTSIDE_PROFIT);
	assert_true(app.model.reserve[1].profit == 70);
	assert_true(app.have_contract && !app.stale);
	assert_true(harness_screen_has("type 2: outside option profit 70"));
	/* The types pane marks the type ("2+Low cost"), and not type 1. */
	assert_true(harness_screen_has("| 2+Low cost "));
	assert_true(harness_screen_has("| 1 High cost "));
	harness_keys((int[]){ 'u', 0 });
	assert_int_equal(app.scenario.types[1].outside.kind, OUTSIDE_COMMON);
	assert_false(harness_screen_has("| 2+Low cost "));
	harness_keys((int[]){ 'O', 'U' & 0x1f, 0 });
	harness_type("sgb k=0.5 a_opt=0.9");
	harness_keys((int[]){ '\r', 0 });
	assert_int_equal(app.scenario.types[1].outside.kind,
			 OUTSIDE_TECHNOLOGY);
	assert_true(app.scenario.types[1].outside.accuracy.param[1] == 0.5);
	harness_keys((int[]){ 'O', 'U' & 0x1f, 0 });
	harness_type("sgb alpha=1");
	harness_keys((int[]){ '\r', 0 });
	assert_true(harness_screen_has("refused: type 2's outside option"));
	assert_true(app.scenario.types[1].outside.accuracy.param[1] == 0.5);
	harness_close();
}

/*
 * A cara scenario: the header and the types pane show scale and lambda,
 * lambda is editable, and the rewards pane says its bars are values.
 * Switching to method approx is refused with the reason.
 */
static void test_cara_valuation_rows(void **state)
{
	(void)state;
	struct scenario sc;
	const double cost[2] = { 0.02, 0.01 }, prob[2] = { 0.5, 0.5 };

	test_scenario(&sc, 4, 2, cost, prob);
	valuation_init_default(&sc.valuation, valuation_family_find("cara"));
	sc.valuation.param[1] = 3;
	harness_open(&sc, "cara", 120, 36, true);
	char *text = harness_screen();
	if (strstr(text, "| cara scale=100 lambda=3 ") == NULL ||
	    strstr(text, "| scale  100  ") == NULL ||
	    strstr(text, "| lambda 3  ") == NULL ||
	    strstr(text, "Reward distributions in value v(r_i) (cara v)") ==
		    NULL)
		fail_msg("cara parameters not shown:\n%s", text);
	free(text);
	assert_int_equal(types_global_rows(&app.scenario), 5);
	app.row = 4; /* lambda */
	harness_type("7.5");
	harness_keys((int[]){ '\r', 0 });
	assert_true(app.scenario.valuation.param[1] == 7.5);
	assert_true(harness_screen_has("lambda=7.5"));
	harness_keys((int[]){ 'E', 0 }); /* auto -> exact */
	harness_keys((int[]){ 'E', 0 }); /* exact -> approx: refused */
	assert_true(app.scenario.method != METHOD_APPROX);
	assert_true(harness_screen_has("refused: approx needs a linear "
				       "valuation (v is cara)"));
	harness_keys((int[]){ 'E', 0 }); /* as it says: on to auto */
	assert_true(app.scenario.method == METHOD_AUTO);
	harness_close();
}

/* In ASCII the mark for t_i is a letter, not an operator such as "<". */
static void test_ascii_reward_mark(void **state)
{
	(void)state;
	harness_open_preset("scenario3", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 'r', 0 });
	char *text = harness_screen();
	if (strstr(text, "v(r_i), T = t_i") == NULL ||
	    strstr(text, "#<") != NULL)
		fail_msg("t_i not marked T:\n%s", text);
	free(text);
	harness_close();
}

/* Ctrl-C asks like q when there are unsaved changes, and quits if none. */
static void test_ctrl_c_asks(void **state)
{
	(void)state;
	harness_open_preset("twotype", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 'C' & 0x1f, 0 });
	assert_true(app.quit);
	harness_close();
	harness_open_preset("twotype", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, ']', 'C' & 0x1f, 0 });
	assert_false(app.quit);
	char *text = harness_screen();
	if (strstr(text, "unsaved changes. Quit anyway?") == NULL)
		fail_msg("Ctrl-C did not ask:\n%s", text);
	free(text);
	harness_keys((int[]){ 'C' & 0x1f, 0 }); /* at the question: cancels */
	assert_false(app.quit);
	harness_keys((int[]){ 'C' & 0x1f, 'y', 0 });
	assert_true(app.quit);
	harness_close();
}

/* A directory as a save path is refused at once, with no question. */
static void test_save_to_directory(void **state)
{
	(void)state;
	char dir[] = "/tmp/cmltest-dirXXXXXX";

	assert_non_null(mkdtemp(dir));
	harness_open_preset("twotype", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 's', 'U' & 0x1f, 0 });
	harness_type(dir);
	harness_keys((int[]){ '\r', 0 });
	char *text = harness_screen();
	if (strstr(text, "Overwrite") != NULL ||
	    strstr(text, "is a directory") == NULL) {
		fprintf(stderr, "%s", text);
		fail_msg("directory not refused at once");
	}
	free(text);
	harness_close();
	rmdir(dir);
}

/* Reads a whole small file into a static buffer ("" if missing). */
static const char *slurp(const char *path)
{
	static char buf[1 << 20];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/*
 * P writes the view as a figure: it suggests SCENARIO-VIEW.pdf, writes
 * the screening diagram when that view is shown, asks before
 * overwriting (n keeps the file), refuses a name without a figure
 * extension.
 */
static void test_figure_key(void **state)
{
	(void)state;
	char dir[] = "/tmp/cmltest-figXXXXXX", path[64], bad[64];

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fig.svg", dir);
	snprintf(bad, sizeof(bad), "%s/fig.jpg", dir);
	harness_open_preset("scenario1", 120, 40);
	harness_keys((int[]){ KEY_ESCAPE, 'g', 'P', 0 });
	assert_true(harness_screen_has("scenario1-screening.pdf"));
	harness_keys((int[]){ 'U' & 0x1f, 0 });
	harness_type(path);
	harness_keys((int[]){ '\r', 0 });
	assert_true(harness_screen_has("screening figure written to"));
	const char *svg = slurp(path);
	assert_non_null(strstr(svg, "<svg "));
	assert_non_null(strstr(svg, "class=\"option\""));
	assert_non_null(strstr(svg, "scenario1: screening"));
	/* Again: it asks; n keeps the file as it is. */
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("old\n", f);
	fclose(f);
	harness_keys((int[]){ 'P', 'U' & 0x1f, 0 });
	harness_type(path);
	harness_keys((int[]){ '\r', 0 });
	assert_true(harness_screen_has("Overwrite it?"));
	harness_keys((int[]){ 'n', 0 });
	assert_string_equal(slurp(path), "old\n");
	harness_keys((int[]){ 'P', 'U' & 0x1f, 0 });
	harness_type(path);
	harness_keys((int[]){ '\r', 'y', 0 });
	assert_non_null(strstr(slurp(path), "class=\"option\""));
	/* The contract view's figure, and a refused extension. */
	harness_keys((int[]){ 'g', 'P', 0 });
	assert_true(harness_screen_has("scenario1-contract.pdf"));
	harness_keys((int[]){ 'U' & 0x1f, 0 });
	harness_type(bad);
	harness_keys((int[]){ '\r', 0 });
	assert_true(harness_screen_has("must end in .pdf, .svg or .png"));
	assert_int_equal(access(bad, F_OK), -1);
	harness_close();
	unlink(path);
	assert_int_equal(rmdir(dir), 0); /* nothing else left behind */
}

/* The help overlay covers the panes: no pane border beside its box. */
static void test_help_clean(void **state)
{
	(void)state;
	harness_open_preset("scenario3", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, '?', 0 });
	char *text = harness_screen();
	/* Below the header, no row starts with two borders ("||", "+|"). */
	const char *line = strchr(text, '\n') + 1;
	for (; *line; line = strchr(line, '\n') + 1)
		if ((line[0] == '|' || line[0] == '+') &&
		    (line[1] == '|' || line[1] == '+'))
			fail_msg("pane border beside the help:\n%s", text);
	free(text);
	harness_close();
}

static void test_full_160x48(void **state)
{
	(void)state;
	harness_open_preset("scenario3", 160, 48);
	/* The notes have a pane here, so nothing pops up. */
	assert_int_equal(app.modal, MODAL_NONE);
	assert_screen("scenario3-160x48");
	harness_keys((int[]){ 'x', 0 });
	assert_true(app.show_slacks);
	assert_true(harness_screen_has("worst slack"));
	harness_close();
	/* Scenario 2 pools everyone: every reward equal to the last bits. */
	harness_open_preset("scenario2", 160, 48);
	assert_screen("scenario2-160x48");
	harness_close();
}

/* Editing in place: the cell shows the text typed, Enter commits. */
static void test_edit_and_refuse(void **state)
{
	(void)state;
	harness_open_preset("twotype", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	harness_type("0.03");
	assert_true(app.editing);
	assert_screen("editing-80x24");
	harness_keys((int[]){ '\r', 0 });
	assert_false(app.editing);
	assert_true(app.scenario.types[0].cost == 0.03);
	assert_true(harness_screen_has("twotype*"));
	/* Equal costs are refused; the editor stays open with the text. */
	harness_keys((int[]){ KEY_DOWN, '\r', 0 });
	harness_keys((int[]){ 21 /* Ctrl-U */, 0 });
	harness_type("0.03");
	harness_keys((int[]){ '\r', 0 });
	assert_true(app.editing);
	assert_true(harness_screen_has("refused: type 1 already has cost 0.03"));
	assert_true(app.scenario.types[1].cost == 0.01);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	assert_false(app.editing);
	/* A probability edit rescales the other one, visibly. */
	harness_keys((int[]){ KEY_RIGHT, '\r', 21, 0 });
	harness_type("0.7");
	harness_keys((int[]){ '\r', 0 });
	assert_true(app.scenario.types[1].prob == 0.7);
	assert_true(app.scenario.types[0].prob > 0.2999 &&
		    app.scenario.types[0].prob < 0.3001);
	assert_true(harness_screen_has("other probabilities were rescaled"));
	/* Undo, redo. */
	harness_keys((int[]){ 'u', 0 });
	assert_true(app.scenario.types[1].prob == 0.5);
	harness_keys((int[]){ 18 /* Ctrl-R */, 0 });
	assert_true(app.scenario.types[1].prob == 0.7);
	harness_close();
}

/* Every size: full, medium, compact tabs, the notice, and back. */
static void test_resize(void **state)
{
	(void)state;
	harness_open_preset("scenario1", 120, 40);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	assert_int_equal(app.layout.mode, LAYOUT_MEDIUM);
	assert_screen("scenario1-120x40");
	harness_resize(60, 20);
	assert_int_equal(app.layout.mode, LAYOUT_COMPACT);
	assert_screen("compact-60x20");
	harness_keys((int[]){ '\t', '\t', 0 });
	assert_int_equal(app.compact_pane, PANE_STATUS);
	assert_screen("compact-status-60x20");
	harness_resize(30, 10);
	assert_int_equal(app.layout.mode, LAYOUT_TOO_SMALL);
	assert_screen("too-small-30x10");
	harness_resize(160, 48);
	assert_int_equal(app.layout.mode, LAYOUT_FULL);
	assert_true(harness_screen_has("PARTIAL POOLING"));
	harness_close();
}

/* The presets menu loads every preset; u returns to the previous one. */
static void test_presets_menu(void **state)
{
	(void)state;
	harness_open_preset("twotype", 100, 30);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	for (int i = 0; i < presets_count; i++) {
		harness_keys((int[]){ 'p', 0 });
		/* The menu opens on the current preset. */
		int at = app.menu_index;
		for (int k = at; k < i; k++)
			harness_keys((int[]){ KEY_DOWN, 0 });
		for (int k = i; k < at; k++)
			harness_keys((int[]){ KEY_UP, 0 });
		harness_keys((int[]){ '\r', KEY_ESCAPE, 0 });
		assert_string_equal(app.scenario.name, presets[i].name);
		assert_true(app.have_contract && !app.stale);
	}
	harness_keys((int[]){ 'u', 0 });
	assert_string_equal(app.scenario.name, presets[presets_count - 2].name);
	harness_close();
}

/* The map: filled in, a cursor with exact values, Enter loads a point. */
/* The column (in characters) of text's first occurrence on row y, or -1. */
static int screen_column(const char *screen, const char *text, int *row)
{
	const char *hit = strstr(screen, text);

	if (hit == NULL)
		return -1;
	const char *line = hit;
	while (line > screen && line[-1] != '\n')
		line--;
	*row = 0;
	for (const char *p = screen; p < line; p++)
		*row += *p == '\n';
	int col = 0;
	for (const char *p = line; p < hit; p++)
		col += ((unsigned char)*p & 0xc0) != 0x80; /* UTF-8 starts */
	return col;
}

/*
 * The screening diagram of scenario 1: golden screens at 80x24 zoomed
 * and 160x48, UTF-8 and ASCII; type 5's option left of and above its
 * reservation point on screen; Z zooms on the options; focus keys; the
 * tiny sizes say what they leave out.
 */
static void open_scenario1(int w, int h, bool ascii)
{
	struct scenario sc;
	struct cml_error err;

	assert_int_equal(preset_load(preset_find("scenario1"), &sc, &err), 0);
	harness_open(&sc, "preset:scenario1", w, h, ascii);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
}

static void check_type5_left(const char *option, const char *alone)
{
	char *text = harness_screen();
	int row_option, row_alone;
	int col_option = screen_column(text, option, &row_option);
	int col_alone = screen_column(text, alone, &row_alone);

	if (col_option < 0 || col_alone < 0 || col_option >= col_alone ||
	    row_option >= row_alone)
		fail_msg("type 5's option %s (%d, %d) not left of and above its "
			 "reservation point %s (%d, %d):\n%s", option, row_option,
			 col_option, alone, row_alone, col_alone, text);
	free(text);
}

static void test_screening(void **state)
{
	(void)state;
	for (int ascii = 0; ascii < 2; ascii++) {
		const char *option = ascii ? "*5" : "\u25cf5";
		const char *alone = ascii ? "@5" : "\u25cb5";
		open_scenario1(80, 24, ascii);
		harness_keys((int[]){ 'g', 'z', '5', 0 });
		assert_int_equal(app.focus, PANE_SCREENING);
		assert_int_equal(app.screening.focus, 4);
		assert_screen(ascii ? "screening-zoomed-80x24-ascii" :
				      "screening-zoomed-80x24");
		check_type5_left(option, alone);
		assert_true(harness_screen_has("type 5: m 425.393 t 86.4913"));
		/* Around the options: type 5's reservation point is off it. */
		harness_keys((int[]){ 'Z', 0 });
		assert_true(harness_screen_has("around the options"));
		assert_true(harness_screen_has(option));
		assert_false(harness_screen_has(alone));
		/* Right from type 5 is "none"; 0 is none too; 9 is refused. */
		harness_keys((int[]){ KEY_RIGHT, 0 });
		assert_int_equal(app.screening.focus, -1);
		harness_keys((int[]){ KEY_LEFT, '0', 0 });
		assert_int_equal(app.screening.focus, -1);
		harness_keys((int[]){ '9', 0 });
		assert_true(harness_screen_has("there is no type 9"));
		/* Tiny: the legend gives way first, and the title says so. */
		harness_resize(40, 12);
		harness_keys((int[]){ 'g', 0 });
		assert_true(harness_screen_has("no legend: z zooms"));
		harness_resize(45, 14);
		assert_true(harness_screen_has("no legend: z zooms"));
		/* Unzoomed at 40x12 the tab bar takes a row more: still said. */
		harness_keys((int[]){ 'z', 0 });
		assert_false(app.zoomed);
		harness_resize(40, 12);
		if (!harness_screen_has("too small for the diagram") &&
		    !harness_screen_has("no legend"))
			fail_msg("40x12 says nothing of what it leaves out");
		harness_close();

		open_scenario1(160, 48, ascii);
		harness_keys((int[]){ 'g', '5', 0 });
		assert_screen(ascii ? "screening-160x48-ascii" :
				      "screening-160x48");
		check_type5_left(option, alone);
		harness_close();
	}
}

/* Occurrences of needle in text. */
static int count_of(const char *text, const char *needle)
{
	int n = 0;

	for (const char *at = strstr(text, needle); at != NULL;
	     at = strstr(at + 1, needle))
		n++;
	return n;
}

/*
 * P on the map draws the quantity on screen, one heat map (here the
 * information cost after v v), not plot sweep's default eight.
 */
static void test_figure_of_map(void **state)
{
	(void)state;
	char dir[] = "/tmp/cmltest-mapfigXXXXXX", path[64];

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/map.svg", dir);
	harness_open_preset("figure2", 120, 40);
	harness_keys((int[]){ KEY_ESCAPE, 'm', 0 });
	while (tui_map_work(&app, 10.0))
		;
	harness_keys((int[]){ 'v', 'v', 0 });
	assert_true(harness_screen_has("information cost"));
	harness_keys((int[]){ 'P', 0 });
	assert_true(harness_screen_has("figure2-map.pdf") ||
		    harness_screen_has("figure2-sweep.pdf"));
	harness_keys((int[]){ 'U' & 0x1f, 0 });
	harness_type(path);
	harness_keys((int[]){ '\r', 0 });
	const char *svg = slurp(path);
	assert_int_equal(count_of(svg, "class=\"panel-title\""), 1);
	assert_non_null(strstr(svg, ">information cost</text>"));
	harness_close();
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

static void test_map(void **state)
{
	(void)state;
	harness_open_preset("figure2", 120, 40);
	harness_keys((int[]){ KEY_ESCAPE, 'm', 0 });
	assert_true(app.layout.visible[PANE_MAP]);
	while (tui_map_work(&app, 10.0))
		;
	tui_app_draw(&app);
	assert_screen("map-120x40");
	/* Information cost: its minimum, -1.62, is at N = 2, p1 near 0.5. */
	harness_keys((int[]){ 'v', 'v', 0 });
	assert_true(harness_screen_has("information cost"));
	/* Every point negative: the diverging scale's positive side unused. */
	assert_true(harness_screen_has("-1.624 #=-0+*@ +1.624"));
	assert_true(harness_screen_has("(here -1.624 to -"));
	/*
	 * Type 1's rent is 0 at every point (it breaks even): the map says
	 * so instead of stretching rounding noise over the ramp.
	 */
	for (int k = 0; k < 16 && !harness_screen_has("rent of type 1"); k++)
		harness_keys((int[]){ 'v', 0 });
	assert_true(harness_screen_has(": constant, 0 at every point"));
	while (!harness_screen_has("information cost"))
		harness_keys((int[]){ 'v', 0 });
	/* Move to the bottom row (N = 2), middle column, read it, load it. */
	for (int k = 0; k < 60; k++)
		harness_keys((int[]){ KEY_DOWN, KEY_LEFT, 0 });
	for (int k = 0; k < 14; k++)
		harness_keys((int[]){ KEY_RIGHT, 0 });
	assert_int_equal(app.map.cy, 0);
	assert_int_equal(app.map.cx, 14);
	assert_true(harness_screen_has("p.1 = 0.483103, N = 2: separating {1} {2}"));
	harness_keys((int[]){ '\r', 0 });
	assert_int_equal(app.scenario.participants, 2);
	assert_true(app.scenario.types[0].prob > 0.4830 &&
		    app.scenario.types[0].prob < 0.4832);
	if (!harness_screen_has("loaded p.1 = 0.483103, N = 2 into the editor")) {
		char *text = harness_screen();
		fprintf(stderr, "%s", text);
		fail_msg("no load message");
	}
	/* The grid does not depend on the swept parameters: it stays. */
	assert_true(tui_map_work(&app, 0.0) == false);
	harness_close();
}

/*
 * With more than two types the map opens on the partition: scenario 3 is
 * partial pooling at every point of p.1 x N, in five partitions, each a
 * symbol in the legend; every cell's symbol is its point's partition.
 */
static void test_map_groups(void **state)
{
	(void)state;
	harness_open_preset("scenario3", 120, 40);
	harness_keys((int[]){ KEY_ESCAPE, 'm', 0 });
	while (tui_map_work(&app, 10.0))
		;
	tui_app_draw(&app);
	assert_true(harness_screen_has("Map: pooling groups"));
	assert_true(harness_screen_has("A {1} {2} {3,4} {5}"));
	assert_true(harness_screen_has("B {1,2} {3,4} {5}"));
	/* The cursor's point (bottom left) is A's partition, and so on. */
	assert_true(harness_screen_has("p.1 = 0.05, N = 2: partial pooling "
				       "{1} {2} {3,4} {5}"));
	/* The status quantity next: all partial pooling. */
	harness_keys((int[]){ 'v', 0 });
	assert_true(harness_screen_has("n nearly pooled"));
	harness_close();
}

/*
 * At 60 columns the map's cursor line keeps the point and the value of
 * the quantity whole, dropping the groups and the status instead.
 */
static void test_map_line_fits(void **state)
{
	(void)state;
	harness_open_preset("figure2", 60, 20);
	harness_keys((int[]){ KEY_ESCAPE, 'm', 0 });
	while (tui_map_work(&app, 10.0))
		;
	for (int k = 0; k < 16 && !harness_screen_has("rent of type 2"); k++)
		harness_keys((int[]){ 'v', 0 });
	for (int k = 0; k < 10; k++)
		harness_keys((int[]){ KEY_RIGHT, KEY_UP, 0 });
	const struct sweep_point *pt = sweep_at(app.map.sweep, app.map.cx,
						app.map.cy);
	char want[64], num[32];
	snprintf(want, sizeof(want), "rent of type 2 %s",
		 numfmt_sig(num, sizeof(num), pt->contract.type[1].rent, 6));
	assert_true(harness_screen_has(want));
	harness_close();
}

/*
 * A list pane that cannot show every row scrolls with the arrow keys
 * and marks what it hides: at 80x24 contributions show 3 of 5 types.
 */
static void test_list_panes_scroll(void **state)
{
	(void)state;
	harness_open_preset("scenario3", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 'c', 0 });
	assert_true(harness_screen_has("v 2 more"));
	assert_false(harness_screen_has("5 Type 5  m~"));
	for (int k = 0; k < 8 && app.focus != PANE_CONTRIB; k++)
		harness_keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_CONTRIB);
	harness_keys((int[]){ KEY_DOWN, KEY_DOWN, KEY_DOWN, 0 });
	assert_true(harness_screen_has("5 Type 5  m~"));
	assert_true(harness_screen_has("^ 2 more"));
	assert_false(harness_screen_has("v 2 more"));
	harness_keys((int[]){ KEY_HOME, 0 });
	assert_true(harness_screen_has("1 Type 1  m~"));
	/* The status pane at 45x14 shows 6 of its 8 checks, and the rest. */
	harness_close();
	harness_open_preset("scenario3", 45, 14);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	/* The types pane follows its cursor and marks the rows it hides. */
	assert_int_equal(app.focus, PANE_TYPES);
	assert_true(harness_screen_has("v 2 more"));
	harness_keys((int[]){ KEY_END, 0 });
	assert_true(harness_screen_has("5 Type 5"));
	assert_true(harness_screen_has("^ "));
	harness_keys((int[]){ KEY_HOME, 0 });
	for (int k = 0; k < 8 && app.focus != PANE_STATUS; k++)
		harness_keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_STATUS);
	assert_true(harness_screen_has("more"));
	harness_keys((int[]){ KEY_END, 0 });
	assert_true(harness_screen_has("8 Original budget"));
	/* The notes, cut mid-sentence before, scroll to their last word. */
	for (int k = 0; k < 8 && app.focus != PANE_NOTES; k++)
		harness_keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_NOTES);
	assert_true(harness_screen_has("more"));
	assert_false(harness_screen_has("contributions."));
	harness_keys((int[]){ KEY_END, 0 });
	assert_true(harness_screen_has("contributions."));
	harness_close();
	/* Twelve types at 80x24: the contract table scrolls to type 12. */
	struct scenario twelve;
	double cost[12], prob[12];
	for (int i = 0; i < 12; i++) {
		cost[i] = 0.5 * pow(0.6, i);
		prob[i] = 1.0 / 12.0;
	}
	test_scenario(&twelve, 3, 12, cost, prob);
	harness_open(&twelve, "twelve", 80, 24, true);
	for (int k = 0; k < 8 && app.focus != PANE_CONTRACT; k++)
		harness_keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_CONTRACT);
	assert_true(harness_screen_has("more"));
	harness_keys((int[]){ KEY_END, 0 });
	assert_true(harness_screen_has(" 12 "));
	assert_true(harness_screen_has("^ "));
	harness_close();
}

/* Tabs until pane has the focus. */
static void focus_pane(enum pane_kind pane)
{
	for (int k = 0; k < 2 * PANE_COUNT && app.focus != pane; k++)
		harness_keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, pane);
}

/*
 * 64 types at 80x24 and 200x60: a 63-type scenario (N = 2, exact: 2016
 * outcomes) gets its 64th type from the a key and is refused a 65th; the
 * types pane and the contract table scroll to type 64 with their "more"
 * markers; every view draws its 64 types.  Solves are capped at a few
 * evaluations: the screens matter here, not the contract.
 */
static void test_most_types_explorer(void **state)
{
	(void)state;
	static const int sizes[2][2] = { { 80, 24 }, { 200, 60 } };
	double cost[CML_MAX_TYPES - 1], prob[CML_MAX_TYPES - 1];
	struct scenario sc;

	for (int i = 0; i < CML_MAX_TYPES - 1; i++) {
		cost[i] = 0.5 * pow(0.9, i);
		prob[i] = 1.0 / (CML_MAX_TYPES - 1);
	}
	test_scenario(&sc, 1, CML_MAX_TYPES - 1, cost, prob);
	for (int s = 0; s < 2; s++) {
		harness_open_capped(&sc, "most", sizes[s][0], sizes[s][1], s == 0,
				    100);
		focus_pane(PANE_TYPES);
		harness_keys((int[]){ KEY_END, 'a', 0 });
		assert_int_equal(app.scenario.ntypes, 64);
		harness_keys((int[]){ 'a', 0 });
		assert_int_equal(app.scenario.ntypes, 64);
		assert_true(harness_screen_has("at most 64 types"));
		harness_keys((int[]){ KEY_END, 0 });
		assert_int_equal(app.row, types_global_rows(&app.scenario) + 63);
		assert_true(harness_screen_has("Type 64"));
		assert_true(harness_screen_has(s == 0 ? " ^ " : " \u2191 "));
		harness_keys((int[]){ KEY_HOME, 0 });
		assert_false(harness_screen_has("Type 64"));
		assert_true(harness_screen_has(s == 0 ? " v " : " \u2193 "));
		focus_pane(PANE_CONTRACT);
		assert_true(harness_screen_has("more"));
		harness_keys((int[]){ KEY_END, 0 });
		assert_true(harness_screen_has(" 64 "));
		assert_true(harness_screen_has(s == 0 ? " ^ " : " \u2191 "));
		/* Resized to the other size and back, type 64 stays in view. */
		harness_resize(sizes[1 - s][0], sizes[1 - s][1]);
		focus_pane(PANE_CONTRACT);
		harness_keys((int[]){ KEY_END, 0 });
		assert_true(harness_screen_has(" 64 "));
		harness_resize(sizes[s][0], sizes[s][1]);
		/* Every view, scrolled to its end (a view may take the contract
		   table's place, so they come last). */
		const int views[] = { 'r', 'c', 'w', 'n' };
		for (size_t v = 0; v < sizeof(views) / sizeof(views[0]); v++) {
			harness_keys((int[]){ KEY_ESCAPE, views[v], 0 });
			focus_pane(app.view);
			harness_keys((int[]){ KEY_END, 0 });
			char *screen = harness_screen();
			assert_non_null(screen);
			free(screen);
		}
		harness_close();
	}
}

/*
 * At 80x24 Figure 2's map shows a few of its 50 rows, yet the cursor
 * steps one grid point per key, so every point can be reached and read.
 */
static void test_map_every_point_reachable(void **state)
{
	(void)state;
	harness_open_preset("figure2", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 'm', 0 });
	while (tui_map_work(&app, 10.0))
		;
	for (int k = 0; k < 60; k++)
		harness_keys((int[]){ KEY_DOWN, KEY_LEFT, 0 });
	assert_int_equal(app.map.cx, 0);
	assert_int_equal(app.map.cy, 0);
	for (int k = 1; k < 50; k++) {
		harness_keys((int[]){ KEY_UP, 0 });
		assert_int_equal(app.map.cy, k);
	}
	for (int k = 1; k < 30; k++) {
		harness_keys((int[]){ KEY_RIGHT, 0 });
		assert_int_equal(app.map.cx, k);
	}
	assert_true(harness_screen_has("p.1 = 0.99, N = 100"));
	/* Zoomed, the map takes the screen: more of its rows, and back. */
	int rows_before = app.layout.pane[PANE_MAP].h;
	assert_int_equal(app.focus, PANE_MAP);
	harness_keys((int[]){ 'z', 0 });
	assert_true(app.zoomed);
	assert_false(app.layout.visible[PANE_TYPES]);
	assert_true(app.layout.pane[PANE_MAP].h == 24 - 3 &&
		    app.layout.pane[PANE_MAP].h > rows_before);
	assert_true(harness_screen_has("p.1 = 0.99, N = 100"));
	/* Tab moves the zoom on; z again restores the layout. */
	harness_keys((int[]){ '\t', 0 });
	assert_false(app.layout.visible[PANE_MAP]);
	assert_true(app.layout.visible[app.focus]);
	harness_keys((int[]){ 'z', 0 });
	assert_false(app.zoomed);
	assert_true(app.layout.visible[PANE_TYPES]);
	harness_close();
}

/*
 * A failed solve keeps the last good contract on screen, marked stale,
 * and says why; the next good solve clears the mark.
 */
static void test_stale_after_failed_solve(void **state)
{
	(void)state;
	harness_open_preset("scenario1", 100, 30);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	double before = app.contract.expected_value;
	solve_worker_set_maxeval(app.worker, 2); /* too few to converge */
	harness_keys((int[]){ '+', 0 });
	assert_true(app.stale);
	assert_true(fabs(app.contract.expected_value - before) <= 1e-9 * before);
	assert_true(harness_screen_has("STALE: the optimiser ran out"));
	assert_true(harness_screen_has("stale: last good solution shown"));
	assert_true(harness_screen_has("solve failed"));
	/* The edit itself happened: the scenario is the new one. */
	assert_true(app.scenario.types[0].cost > 0.2);
	solve_worker_set_maxeval(app.worker, 3000);
	harness_keys((int[]){ '-', 0 });
	assert_false(app.stale);
	assert_false(harness_screen_has("STALE"));
	harness_close();
}

/*
 * The complete-information benchmark (a root per outcome) is computed
 * only when the welfare pane or an export needs it, not on every key.
 */
/*
 * After an edit the message line says what moved, in numbers that match
 * the contracts before and after; the notes say when a preset has been
 * edited away from what they describe, and R resets it, undoably.
 */
static void test_what_moved_and_reset(void **state)
{
	(void)state;
	char want[64], num[32];

	harness_open_preset("scenario1", 120, 40);
	harness_keys((int[]){ KEY_ESCAPE, 'n', 0 });
	assert_false(harness_screen_has("Edited:"));
	double before = app.contract.expected_value;
	/* Type 5's probability up 1%: row 4 + 4, column 3. */
	app.row = types_global_rows(&app.scenario) + 4;
	app.col = 3;
	harness_keys((int[]){ '+', 0 });
	double after = app.contract.expected_value;
	assert_true(after != before);
	snprintf(want, sizeof(want), "E[v] %s%s", after > before ? "+" : "",
		 numfmt_sig(num, sizeof(num), after - before, 3));
	if (!harness_screen_has(want)) {
		char *text = harness_screen();
		fprintf(stderr, "%s", text);
		fail_msg("no '%s' on the message line", want);
	}
	assert_true(harness_screen_has("Edited: no longer the preset scenario1"));
	harness_keys((int[]){ 'R', 0 });
	assert_true(harness_screen_has("reset to the preset scenario1"));
	assert_false(harness_screen_has("Edited:"));
	assert_true(fabs(app.contract.expected_value - before) <= 1e-9 * before);
	harness_keys((int[]){ 'u', 0 });
	assert_true(harness_screen_has("Edited: no longer the preset scenario1"));
	harness_keys((int[]){ 'R', 'R', 0 });
	assert_true(harness_screen_has("already the preset scenario1"));
	harness_close();
}

static void test_welfare_on_demand(void **state)
{
	(void)state;
	char path[] = "/tmp/cmlcontract-export-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	harness_open_preset("scenario3", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	assert_false(app.have_complete);
	harness_keys((int[]){ 'w', 0 });
	assert_true(app.have_complete);
	assert_true(harness_screen_has("-0.4317"));
	/* A solve while the pane is hidden leaves it for later. */
	harness_keys((int[]){ 'w', '+', 0 });
	assert_false(app.have_complete);
	harness_keys((int[]){ 'u', 0 });
	assert_false(app.have_complete);
	/* An export still reports it. */
	harness_keys((int[]){ 'e', 21 /* Ctrl-U */, 0 });
	harness_type(path);
	harness_keys((int[]){ '\r', 'y', 0 });
	assert_true(harness_screen_has("report written to"));
	FILE *f = fopen(path, "r");
	char text[8192] = "";
	assert_non_null(f);
	size_t len = fread(text, 1, sizeof(text) - 1, f);
	text[len] = '\0';
	fclose(f);
	unlink(path);
	assert_non_null(strstr(text, "information cost = -0.431733"));
	harness_close();
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
	harness_open(&sc, "positive.yaml", 80, 24, true);
	harness_keys((int[]){ KEY_ESCAPE, 'w', 0 });
	assert_true(app.have_complete);
	assert_true(app.contract.complete.information_cost > 5.0);
	assert_screen("welfare-positive-80x24");
	assert_true(harness_screen_has("+5.2435 contract beats the ex-post benchmark"));
	/* The map: the information cost on a scale diverging around 0. */
	harness_resize(120, 40);
	harness_keys((int[]){ 'm', 0 });
	while (tui_map_work(&app, 10.0))
		;
	harness_keys((int[]){ 'v', 'v', 0 });
	assert_true(harness_screen_has("Map: information cost"));
	assert_true(harness_screen_has(" #=-0+*@ +"));
	assert_true(harness_screen_has("<0 value lost, >0 contract beats ex-post "
			       "benchmark"));
	/* At N = 2 the cost is positive, at N = 100 negative. */
	assert_true(harness_screen_has("N = 2: separating {1} {2}"));
	assert_true(harness_screen_has("information cost +"));
	assert_true(harness_screen_has("  2 ++++"));
	assert_true(harness_screen_has("100 +----"));
	harness_close();
}

/* A click focuses the pane under it and selects the cell. */
static void test_mouse_click(void **state)
{
	(void)state;
	harness_open_preset("scenario3", 160, 48);
	struct rect r = app.layout.pane[PANE_TYPES];
	MEVENT ev = { .id = 0, .x = r.x + 21, .y = r.y + 1 + 4 + 1 + 2,
		      .z = 0, .bstate = BUTTON1_CLICKED };
	app.focus = PANE_STATUS;
	tui_term_set_mouse(true);
	ungetmouse(&ev);
	harness_keys((int[]){ KEY_MOUSE, 0 });
	assert_int_equal(app.focus, PANE_TYPES);
	assert_int_equal(app.row, types_global_rows(&app.scenario) + 2); /* type 3 */
	assert_int_equal(app.col, 1);                    /* its cost */
	/* With capture off, clicks are the terminal's. */
	tui_term_set_mouse(false);
	ev.x = r.x + 31; /* the prob cell */
	ungetmouse(&ev);
	harness_keys((int[]){ KEY_MOUSE, 0 });
	assert_int_equal(app.col, 1);
	harness_close();
}

/*
 * Keys as terminals send them: an unknown sequence and a paste outside an
 * edit change nothing; Home and End go to the first and last row; a paste
 * into an open cell inserts its first line and does not commit.
 */
static void test_unknown_keys_home_end_paste(void **state)
{
	(void)state;
	harness_open_preset("twotype", 80, 24);
	int close_notes[] = { KEY_ESCAPE, 0 };
	harness_keys(close_notes);
	assert_int_equal(app.modal, MODAL_NONE);
	int unknown[] = { TUI_KEY_UNKNOWN, TUI_KEY_UNKNOWN, 0 };
	harness_keys(unknown);
	assert_int_equal(app.scenario.participants, 10);
	assert_false(app.editing);
	assert_string_equal(app.message, "unknown key (ignored)");
	tui_app_settle(&app, tui_app_paste(&app, "q[4]\r0.5"));
	assert_int_equal(app.scenario.participants, 10);
	assert_false(app.editing);
	assert_false(app.quit);
	assert_false(tui_modified(&app));
	int end[] = { KEY_END, 0 }, home[] = { KEY_HOME, 0 };
	harness_keys(end);
	assert_int_equal(app.row, types_global_rows(&app.scenario) + 1);
	harness_keys(home);
	assert_int_equal(app.row, 0);
	harness_keys(end);
	int edit[] = { KEY_UP, '\r', 'U' & 0x1f, 0 };
	harness_keys(edit);
	assert_true(app.editing);
	tui_app_settle(&app, tui_app_paste(&app, "\r\n0.0\t5\r0.07\r"));
	tui_app_draw(&app);
	assert_true(app.editing);
	assert_string_equal(app.edit.text, "0.05");
	int commit[] = { '\r', 0 };
	harness_keys(commit);
	assert_false(app.editing);
	assert_true(app.scenario.types[0].cost == 0.05 ||
		    app.scenario.types[1].cost == 0.05);
	harness_close();
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
	harness_open_preset("twotype", 100, 30);
	harness_keys((int[]){ KEY_ESCAPE, 'o', 0 });
	harness_type(path);
	alarm(10);
	harness_keys((int[]){ '\r', 0 });
	alarm(0);
	if (!harness_screen_has("not a regular file (a FIFO)")) {
		char *t = harness_screen();
		fprintf(stderr, "%s\n", t);
		free(t);
		fail();
	}
	assert_string_equal(app.scenario.name, "twotype");
	harness_close();
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
	harness_open(&sc, "test", 160, 48, true);
	if (!harness_screen_has("t\\x7f\\u009bu") || !harness_screen_has("x\\x1b[2Jy") ||
	    !harness_screen_has("notes\\x07here")) {
		char *t = harness_screen();
		fprintf(stderr, "%s\n", t);
		free(t);
		fail();
	}
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	harness_close();
}

/*
 * E cycles the expectation method auto, exact, approx and back; each
 * switch is an edit (re-solved, undoable, unsaved until saved).  Approx
 * numbers are not looked at: only what the screen says about the method.
 */
static void test_method_key(void **state)
{
	(void)state;
	harness_open_preset("twotype", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	assert_int_equal(app.scenario.method, METHOD_AUTO);
	int undo = app.undo_count;
	harness_keys((int[]){ 'E', 0 });
	assert_int_equal(app.scenario.method, METHOD_EXACT);
	assert_int_equal(app.undo_count, undo + 1);
	assert_true(harness_screen_has("method exact"));
	assert_true(harness_screen_has("twotype*"));
	assert_true(harness_screen_has("exact: 11 outcomes"));
	harness_keys((int[]){ 'E', 0 });
	assert_int_equal(app.scenario.method, METHOD_APPROX);
	assert_int_equal(app.contract.method, METHOD_APPROX);
	assert_true(harness_screen_has("method approx"));
	assert_true(harness_screen_has("approx: error <= "));
	assert_false(harness_screen_has("outcomes"));
	harness_keys((int[]){ 'E', 0 });
	assert_int_equal(app.scenario.method, METHOD_AUTO);
	assert_true(harness_screen_has("method auto (here exact)"));
	assert_true(harness_screen_has("exact: 11 outcomes"));
	assert_false(harness_screen_has("twotype*"));
	/* Undone like any edit. */
	harness_keys((int[]){ 'u', 0 });
	assert_int_equal(app.scenario.method, METHOD_APPROX);
	harness_keys((int[]){ 'u', 'u', 0 });
	assert_int_equal(app.scenario.method, METHOD_AUTO);
	assert_true(harness_screen_has("exact: 11 outcomes"));
	harness_close();
}

/*
 * Exact beyond its outcome limit is refused: the message says why, the
 * scenario and the contract on screen stay; E again goes on to approx.
 */
static void test_method_exact_refused(void **state)
{
	(void)state;
	struct scenario sc;
	double cost[4] = { 4, 3, 2, 1 }, prob[4] = { 0.25, 0.25, 0.25, 0.25 };

	test_scenario(&sc, 10000, 4, cost, prob);
	harness_open(&sc, "big", 80, 24, true);
	assert_int_equal(app.model.method, METHOD_APPROX);
	int undo = app.undo_count;
	bool had = app.have_contract;
	harness_keys((int[]){ 'E', 0 });
	assert_int_equal(app.scenario.method, METHOD_AUTO);
	assert_int_equal(app.undo_count, undo);
	assert_int_equal(app.have_contract, had);
	assert_false(app.stale);
	assert_true(harness_screen_has("refused: exact: over 1000000 outcomes "
				       "at N = 10000; E again: approx\n"));
	harness_keys((int[]){ 'E', 0 });
	assert_int_equal(app.scenario.method, METHOD_APPROX);
	assert_int_equal(app.undo_count, undo + 1);
	/* The refusal is forgotten once the scenario changes. */
	harness_keys((int[]){ 'E', 0 });
	assert_int_equal(app.scenario.method, METHOD_AUTO);
	assert_false(app.method_refused);
	harness_close();
}

/* Does the screen's first line end with text (the header's right side)? */
static bool header_ends_with(const char *text)
{
	char *screen = harness_screen();
	char *nl = strchr(screen, '\n');
	size_t len = nl != NULL ? (size_t)(nl - screen) : strlen(screen);
	size_t n = strlen(text);
	bool yes = len >= n && memcmp(screen + len - n, text, n) == 0;

	if (!yes)
		fprintf(stderr, "header: %.*s\n", (int)len, screen);
	free(screen);
	return yes;
}

/*
 * An approximate contract's header gives its error bound, whole, at
 * every size: in full at 80x24 and in the compact header, shortened to
 * "approx" where even that does not fit.  The status pane notes pooling
 * called within the error.  Set by hand on the exact contract.
 */
static void test_method_header(void **state)
{
	(void)state;
	harness_open_preset("scenario3", 80, 24);
	harness_keys((int[]){ KEY_ESCAPE, 0 });
	app.contract.method = METHOD_APPROX;
	app.contract.expectation_error = 2.5e-11;
	app.contract.pooling_within_error = true;
	harness_keys((int[]){ 12 /* Ctrl-L */, 0 });
	assert_true(header_ends_with("approx: error <= 3e-11"));
	assert_true(harness_screen_has(" scenario3 | N=10 | sgb(1, 1) | "
				       "linear(100)  "));
	assert_true(harness_screen_has("E[v(a(S))] = 94.0135    within error |"));
	harness_resize(60, 20);
	assert_int_equal(app.layout.mode, LAYOUT_COMPACT);
	assert_true(header_ends_with("approx: error <= 3e-11"));
	harness_keys((int[]){ '\t', '\t', 0 });
	assert_int_equal(app.compact_pane, PANE_STATUS);
	assert_true(harness_screen_has("(pooled within the error)"));
	harness_resize(40, 12);
	assert_int_equal(app.layout.mode, LAYOUT_COMPACT);
	assert_true(header_ends_with(" | N=10                approx"));
	assert_false(harness_screen_has("approx:"));
	harness_resize(160, 48);
	assert_true(header_ends_with("approx: error <= 3e-11"));
	assert_true(harness_screen_has("within error |"));
	/* The status pane zoomed has room for the whole sentence. */
	for (int k = 0; k < PANE_COUNT && app.focus != PANE_STATUS; k++)
		harness_keys((int[]){ '\t', 0 });
	assert_int_equal(app.focus, PANE_STATUS);
	harness_keys((int[]){ 'z', 0 });
	assert_true(harness_screen_has(CONTRACT_WITHIN_ERROR_NOTE " |"));
	harness_keys((int[]){ 'z', 0 });
	/* Exact again: the outcome count, and no note. */
	app.contract.method = METHOD_EXACT;
	app.contract.expectation_error = 0.0;
	app.contract.pooling_within_error = false;
	harness_resize(40, 12);
	assert_true(header_ends_with(" | N=10  exact: 1001 outcomes"));
	harness_resize(80, 24);
	assert_true(header_ends_with("exact: 1001 outcomes"));
	assert_false(harness_screen_has("within"));
	harness_close();
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
		cmocka_unit_test(test_power_family_rows),
		cmocka_unit_test(test_family_menu),
		cmocka_unit_test(test_outside_option_prompt),
		cmocka_unit_test(test_cara_valuation_rows),
		cmocka_unit_test(test_save_to_directory),
		cmocka_unit_test(test_figure_key),
		cmocka_unit_test(test_figure_of_map),
		cmocka_unit_test(test_ctrl_c_asks),
		cmocka_unit_test(test_help_clean),
		cmocka_unit_test(test_ascii_reward_mark),
		cmocka_unit_test(test_edit_and_refuse),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_presets_menu),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_map_every_point_reachable),
		cmocka_unit_test(test_list_panes_scroll),
		cmocka_unit_test(test_map_groups),
		cmocka_unit_test(test_map_line_fits),
		cmocka_unit_test(test_stale_after_failed_solve),
		cmocka_unit_test(test_mouse_click),
		cmocka_unit_test(test_open_fifo),
		cmocka_unit_test(test_control_characters_escaped),
		cmocka_unit_test(test_what_moved_and_reset),
		cmocka_unit_test(test_welfare_on_demand),
		cmocka_unit_test(test_positive_information_cost),
		cmocka_unit_test(test_unknown_keys_home_end_paste),
		cmocka_unit_test(test_method_key),
		cmocka_unit_test(test_method_exact_refused),
		cmocka_unit_test(test_method_header),
		cmocka_unit_test(test_man_page_lists_every_key),
		cmocka_unit_test(test_screening),
		cmocka_unit_test(test_most_types_explorer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
