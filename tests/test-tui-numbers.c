/*
 * test-tui-numbers.c - no number on the explorer's screen is cut, and
 * every type and every check can be brought on screen (issue 8).
 *
 * Every preset and three scenarios that stretch the columns (large and
 * tiny values, eight types) are opened at 80x24, 60x20 and 45x14, in
 * UTF-8 and in ASCII.  Every pane and view is read, zoomed and not, and
 * scrolled to its end.  On every screen:
 *
 *   - every number parses whole: no exponent without digits ("9.9e-"),
 *     no number run into a letter;
 *   - every number equals a value the engine reports (the JSON of the
 *     contract, the scenario, the map's sweep) to the digits printed, so
 *     "52.1" for 52.195 or "1174" for 11740.7 fail; small integers
 *     (indices and counts) are the only exception, and a histogram's axis
 *     ticks must lie on its axis;
 *   - a list of pooling groups is closed or ends with a mark.
 *
 * Across the screens of each pane every type's row (and in the status
 * pane every check) has been seen.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "checks.h"
#include "presets.h"
#include "report.h"
#include "screening.h"
#include "view-scale.h"
#include "scenario-yaml.h"
#include "sweep-report.h"
#include "sweep.h"
#include "tui-harness.h"

#define KEY_ESCAPE 27
#define SMALL_INTEGER 10 /* indices, counts, "Prop. 8": not values */

/* ---- The values a screen may show, sorted for lookup. ---- */

static struct {
	double *v;
	size_t n, cap;
} refs;

static void refs_add(double x)
{
	if (!isfinite(x))
		return;
	if (refs.n == refs.cap) {
		refs.cap = refs.cap ? 2 * refs.cap : 4096;
		refs.v = realloc(refs.v, refs.cap * sizeof(*refs.v));
		assert_non_null(refs.v);
	}
	refs.v[refs.n++] = x;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Every number written in text (JSON, YAML), strings included. */
static void refs_add_text(const char *text)
{
	for (const char *p = text; *p;) {
		bool starts = is_digit(*p) || (*p == '-' && is_digit(p[1]));
		if (!starts || (p > text && (is_word_char(p[-1]) ||
					      is_digit(p[-1])))) {
			p++;
			continue;
		}
		char *end;
		refs_add(strtod(p, &end));
		p = end > p ? end : p + 1;
	}
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Is some value in [lo, hi]? */
static bool refs_any_in(double lo, double hi)
{
	size_t a = 0, b = refs.n;
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (refs.v[mid] < lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a < refs.n && refs.v[a] <= hi;
}

static void write_refs(FILE *f)
{
	struct report_input in = { .scenario = &app.scenario,
				   .source = app.source,
				   .model = &app.model,
				   .contract = &app.contract };
	if (app.have_contract)
		report_json(f, &in);
	if (app.map.sweep != NULL) {
		struct sweep_report_input sw = { .scenario = &app.map.base,
						 .source = app.source,
						 .sweep = app.map.sweep };
		sweep_report_json(f, &sw);
	}
	struct cml_error err;
	char *yaml = scenario_to_yaml(&app.scenario, &err);
	if (yaml != NULL)
		fputs(yaml, f);
	free(yaml);
}

/*
 * What the explorer has now, as the CLI would report it.  Walking the
 * panes edits nothing, so the values change only when the contract, the
 * complete-information benchmark or the map's sweep arrive.
 */
static void collect_refs(void)
{
	static struct {
		bool contract, complete;
		const struct sweep *sweep;
		int sweep_done;
		double objective;
	} last;
	int sweep_done_now = app.map.sweep != NULL ?
				     sweep_done(app.map.sweep) : 0;
	if (refs.n > 0 && last.contract == app.have_contract &&
	    last.complete == app.have_complete &&
	    last.sweep == app.map.sweep && last.sweep_done == sweep_done_now &&
	    last.objective == app.contract.expected_accuracy)
		return;
	last.contract = app.have_contract;
	last.complete = app.have_complete;
	last.sweep = app.map.sweep;
	last.sweep_done = sweep_done_now;
	last.objective = app.contract.expected_accuracy;

	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	write_refs(f);
	fclose(f);
	refs.n = 0;
	refs_add_text(text);
	free(text);
	qsort(refs.v, refs.n, sizeof(*refs.v), compare_double);
}

/* ---- The screen, one ASCII character per cell. ---- */

#define MAX_W 256
#define MAX_H 128
static char cells[MAX_H][MAX_W + 1];
static int screen_w, screen_h;

/* Non-ASCII glyphs as one ASCII stand-in each, keeping columns. */
static char ascii_of(wchar_t w)
{
	switch (w) {
	case L'\u2524': /* a histogram tick, as ASCII draws it */
		return '+';
	case L'\u2026': /* an ellipsis: a list that goes on */
		return '~';
	default:
		return w < 128 ? (char)w : '#';
	}
}

static void read_cells(void)
{
	getmaxyx(stdscr, screen_h, screen_w);
	assert_true(screen_h <= MAX_H && screen_w <= MAX_W);
	for (int y = 0; y < screen_h; y++) {
		for (int x = 0; x < screen_w; x++) {
			cchar_t cell;
			wchar_t wch[CCHARW_MAX + 1] = { 0 };
			attr_t attrs;
			short pair;
			if (mvin_wch(y, x, &cell) == ERR ||
			    getcchar(&cell, wch, &attrs, &pair, NULL) == ERR)
				wch[0] = L'?';
			cells[y][x] = wch[0] == L'\0' ? ' ' : ascii_of(wch[0]);
		}
		cells[y][screen_w] = '\0';
	}
}

static char where_text[160];

static void fail_here(int y, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	char *screen = harness_screen();
	fprintf(stderr, "%s, row %d: %s; the screen:\n%s", where_text, y + 1,
		why, screen);
	free(screen);
	fail_msg("%s: %s", where_text, why);
}

static bool in_rect(struct rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* The span of every type's rewards, widened as the axis may widen it. */
static void reward_span(double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (int i = 0; i < app.contract.ntypes; i++) {
		const struct reward_distribution *d = &app.dist[i];
		for (size_t k = 0; k < d->count; k++) {
			*lo = fmin(*lo, d->atoms[k].value);
			*hi = fmax(*hi, d->atoms[k].value);
		}
	}
	double pad = fmax(*hi - *lo, 0.02 * fmax(fabs(*lo), fabs(*hi))) + 1e-9;
	*lo -= pad;
	*hi += pad;
}

/* A histogram tick: in the rewards pane, left of the axis's tick mark. */
static bool is_axis_tick(int y, int end)
{
	if (!app.layout.visible[PANE_REWARDS] ||
	    !in_rect(app.layout.pane[PANE_REWARDS], y, end))
		return false;
	int x = end;
	while (x < screen_w && cells[y][x] == ' ')
		x++;
	return x < screen_w && cells[y][x] == '+';
}

/*
 * A tick label of the screening diagram: inside its pane and one of the
 * round ticks (screening_ticks, tested in test-screening) of the window
 * shown, on either axis, for some tick density.
 */
static bool is_screening_tick(int y, int x, double v, double tol)
{
	static struct screening sg; /* large */

	if (!app.layout.visible[PANE_SCREENING] ||
	    !in_rect(app.layout.pane[PANE_SCREENING], y, x) ||
	    screening_build(&app.model, &app.contract, &sg) != 0)
		return false;
	const struct screening_range *r = app.screening.around_options ?
					  &sg.options : &sg.all;
	for (int wanted = 2; wanted <= 16; wanted++) {
		struct scale_ticks mt, tt;
		screening_ticks(r, wanted, wanted, &mt, &tt);
		for (int k = 0; k < mt.count; k++)
			if (fabs(mt.value[k] - v) <= tol)
				return true;
		for (int k = 0; k < tt.count; k++)
			if (fabs(tt.value[k] - v) <= tol)
				return true;
	}
	return false;
}

/*
 * The number at cells[y][x..]: its extent, its value and the half-unit of
 * its last printed digit.  Returns false if it is malformed.
 */
static bool parse_number(int y, int x, int *end, double *value,
			 double *half_unit)
{
	const char *s = cells[y];
	int k = x, decimals = 0, exponent = 0;

	if (s[k] == '-' || s[k] == '+')
		k++;
	while (is_digit(s[k]))
		k++;
	if (s[k] == '.' && is_digit(s[k + 1])) {
		k++;
		while (is_digit(s[k])) {
			k++;
			decimals++;
		}
	}
	if (s[k] == 'e' || s[k] == 'E') {
		int e = k + 1;
		if (s[e] == '-' || s[e] == '+')
			e++;
		if (!is_digit(s[e])) {
			*end = e;
			return false; /* an exponent cut away */
		}
		while (is_digit(s[e]))
			e++;
		exponent = atoi(s + k + 1 + (s[k + 1] == '+'));
		k = e;
	}
	*end = k;
	*value = strtod(s + x, NULL);
	*half_unit = 0.5 * pow(10.0, exponent - decimals);
	return true;
}

/* Every number on the screen, checked; groups lists checked. */
static void check_numbers(void)
{
	double span_lo = 0, span_hi = 0;
	bool have_span = false;

	for (int y = 0; y < screen_h; y++) {
		const char *s = cells[y];
		for (int x = 0; x < screen_w;) {
			bool sign = (s[x] == '-' || s[x] == '+') &&
				    is_digit(s[x + 1]);
			if (!is_digit(s[x]) && !sign) {
				x++;
				continue;
			}
			/* Part of a word or a name ("F1", "p.1", "m~_i"). */
			if (x > 0 && (is_word_char(s[x - 1]) ||
				      is_digit(s[x - 1]) ||
				      (s[x - 1] == '.' && x > 1 &&
				       is_word_char(s[x - 2])))) {
				/* A sign after a digit ("1-5") is skipped too,
				   or this would never move on. */
				x++;
				while (x < screen_w && (is_digit(s[x]) ||
							is_word_char(s[x])))
					x++;
				continue;
			}
			int end;
			double v = 0, half = 0;
			if (!parse_number(y, x, &end, &v, &half))
				fail_here(y, "malformed number '%.*s'",
					  end - x, s + x);
			if (is_word_char(s[end]) && !sign)
				fail_here(y, "number run into a word: '%.*s'",
					  end - x + 3, s + x);
			double tol = half * (1 + 1e-9) + 1e-12 * fabs(v);
			bool integer = half == 0.5;
			if (integer && fabs(v) <= SMALL_INTEGER) {
				/* an index or a count */
			} else if (is_axis_tick(y, end)) {
				if (!have_span) {
					reward_span(&span_lo, &span_hi);
					have_span = true;
				}
				if (v < span_lo || v > span_hi)
					fail_here(y, "axis tick %.*s off the "
						  "rewards' range [%g, %g]",
						  end - x, s + x, span_lo,
						  span_hi);
			} else if (is_screening_tick(y, x, v, tol)) {
				/* an axis label of the diagram */
			} else if (!refs_any_in(v - tol, v + tol)) {
				fail_here(y, "'%.*s' (col %d) is no value "
					  "the engine reports",
					  end - x, s + x, x + 1);
			}
			x = end;
		}
		/* A list of groups is closed or says that it goes on. */
		const char *open = strrchr(s, '{');
		if (open != NULL && strchr(open, '}') == NULL &&
		    strstr(open, "more") == NULL && strchr(open, '~') == NULL &&
		    strstr(open, "...") == NULL)
			fail_here(y, "a group list cut: '%s'", open);
	}
}

/* ---- Walking every pane. ---- */

/* What has been seen, per pane: type rows, checks. */
static bool seen_type[PANE_COUNT][CML_MAX_TYPES];
static bool seen_check[CHECK_COUNT];

static bool pane_has(enum pane_kind kind, const char *text)
{
	struct rect r = app.layout.pane[kind];
	size_t len = strlen(text);

	for (int y = r.y; y < r.y + r.h && y < screen_h; y++) {
		int w = r.w < screen_w - r.x ? r.w : screen_w - r.x;
		for (int x = r.x; x + (int)len <= r.x + w; x++)
			if (strncmp(cells[y] + x, text, len) == 0)
				return true;
	}
	return false;
}

/* Row labels: "3 Type 3" where panes name the type, "  3" in the contract. */
static void note_seen(void)
{
	for (int p = 0; p < PANE_COUNT; p++) {
		if (!app.layout.visible[p])
			continue;
		for (int i = 0; i < app.scenario.ntypes; i++) {
			char label[64];
			if (p == PANE_CONTRACT) {
				struct rect r = app.layout.pane[p];
				snprintf(label, sizeof(label), "%3d ", i + 1);
				for (int y = r.y + 2; y < r.y + r.h - 1; y++)
					if (strncmp(cells[y] + r.x + 1, label,
						    4) == 0)
						seen_type[p][i] = true;
				continue;
			}
			/* Names may be shortened to a column (not numbers). */
			snprintf(label, sizeof(label), "%d %.5s", i + 1,
				 app.scenario.types[i].name);
			if (pane_has(p, label))
				seen_type[p][i] = true;
		}
		if (p == PANE_STATUS)
			for (int c = 0; c < CHECK_COUNT; c++)
				if (pane_has(p, check_info[c].name))
					seen_check[c] = true;
	}
}

static void check_screen(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(where_text, sizeof(where_text), fmt, ap);
	va_end(ap);
	collect_refs();
	read_cells();
	check_numbers();
	note_seen();
}

static void key(int k)
{
	harness_keys((int[]){ k, 0 });
	if (app.layout.visible[PANE_MAP])
		harness_finish_map();
}

/* The focused pane, then scrolled down to its end and back. */
static void walk_focused(const char *what)
{
	const char *name = layout_tab_name(app.focus);
	/* Down moves a cursor or scrolls a list; other panes do not move. */
	bool moves = app.focus == PANE_TYPES || app.focus == PANE_MAP ||
		     tui_pane(app.focus)->scrolls;
	int steps = moves ? app.scenario.ntypes + CHECK_COUNT + 4 : 0;

	check_screen("%s, %s", what, name);
	for (int k = 0; k < steps; k++) {
		key(KEY_DOWN);
		check_screen("%s, %s, %d down", what, name, k + 1);
	}
	key(KEY_HOME);
	check_screen("%s, %s, after Home", what, name);
}

static void walk_everything(const char *what)
{
	/*
	 * The opening layout (the contract in the view slot), then each view,
	 * then the map again with the status pane's slacks shown (x).
	 */
	static const int views[] = { 0, 'r', 'c', 'w', 'n', 'i', 'm', 'x' };

	for (size_t v = 0; v < sizeof(views) / sizeof(views[0]); v++) {
		char view_what[200];
		if (views[v] != 0)
			key(views[v]);
		enum pane_kind first = app.focus;
		for (int tab = 0; tab <= PANE_COUNT; tab++) {
			snprintf(view_what, sizeof(view_what), "%s, view %c",
				 what, views[v] ? views[v] : '-');
			walk_focused(view_what);
			key('z');
			snprintf(view_what, sizeof(view_what),
				 "%s, view %c zoomed", what,
				 views[v] ? views[v] : '-');
			walk_focused(view_what);
			key('z');
			key('\t');
			if (app.focus == first)
				break; /* every pane of this layout seen */
		}
	}
}

static void assert_all_seen(const char *what)
{
	static const enum pane_kind listing[] = { PANE_TYPES, PANE_CONTRACT,
						  PANE_CONTRIB, PANE_WELFARE };

	for (size_t p = 0; p < sizeof(listing) / sizeof(listing[0]); p++)
		for (int i = 0; i < app.scenario.ntypes; i++)
			if (!seen_type[listing[p]][i])
				fail_msg("%s: type %d never seen in %s", what,
					 i + 1, layout_tab_name(listing[p]));
	for (int c = 0; c < CHECK_COUNT; c++)
		if (!seen_check[c])
			fail_msg("%s: check '%s' never seen", what,
				 check_info[c].name);
}

static void walk_scenario(const struct scenario *sc, const char *source)
{
	static const int sizes[][2] = { { 80, 24 }, { 60, 20 }, { 45, 14 } };

	for (int utf8 = 0; utf8 <= 1; utf8++) {
		setenv("LC_ALL", utf8 ? "C.UTF-8" : "C", 1);
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			char what[128];
			snprintf(what, sizeof(what), "%s at %dx%d, %s", source,
				 sizes[s][0], sizes[s][1],
				 utf8 ? "UTF-8" : "LANG=C");
			memset(seen_type, 0, sizeof(seen_type));
			memset(seen_check, 0, sizeof(seen_check));
			harness_open(sc, source, sizes[s][0], sizes[s][1],
				     false);
			assert_int_equal(app.utf8, utf8 != 0);
			key(KEY_ESCAPE); /* the notes shown on opening */
			walk_everything(what);
			assert_all_seen(what);
			harness_close();
		}
	}
	unsetenv("LC_ALL");
}

static void walk_preset(const char *name)
{
	struct scenario sc;
	struct cml_error err;
	char source[80];

	assert_int_equal(preset_load(preset_find(name), &sc, &err), 0);
	snprintf(source, sizeof(source), "preset:%s", name);
	walk_scenario(&sc, source);
}

static void walk_yaml(const char *name, const char *yaml)
{
	struct scenario sc;
	struct cml_error err;

	if (scenario_load_string(yaml, strlen(yaml), name, &sc, NULL,
				 &err) != 0)
		fail_msg("%s:%d:%d: %s", err.origin, err.line, err.col,
			 err.msg);
	walk_scenario(&sc, name);
}

static void test_twotype(void **state)
{
	(void)state;
	walk_preset("twotype");
}

static void test_scenario1(void **state)
{
	(void)state;
	walk_preset("scenario1");
}

static void test_scenario2(void **state)
{
	(void)state;
	walk_preset("scenario2");
}

static void test_scenario3(void **state)
{
	(void)state;
	walk_preset("scenario3");
}

static void test_figure2(void **state)
{
	(void)state;
	walk_preset("figure2");
}

/* Values in the hundred thousands and a valuation scale of a million. */
static void test_large_values(void **state)
{
	(void)state;
	walk_yaml("large.yaml",
		  "participants: 20\n"
		  "valuation: {family: linear, scale: 1000000}\n"
		  "types:\n"
		  "  - {name: Slow, cost: 900, prob: 0.5}\n"
		  "  - {name: Mid, cost: 3, prob: 0.3}\n"
		  "  - {name: Fast, cost: 0.001, prob: 0.2}\n");
}

/* Costs and a probability at the small ends of their ranges. */
static void test_tiny_values(void **state)
{
	(void)state;
	walk_yaml("tiny.yaml",
		  "participants: 3\n"
		  "valuation: {family: linear, scale: 10}\n"
		  "types:\n"
		  "  - {name: Rare, cost: 0.3, prob: 0.000000001}\n"
		  "  - {name: Common, cost: 0.000001, prob: 0.999999999}\n");
}

/* Eight types: more rows than any pane shows at 80x24. */
static void test_eight_types(void **state)
{
	(void)state;
	walk_yaml("eight.yaml",
		  "participants: 5\n"
		  "types:\n"
		  "  - {name: Type 1, cost: 0.4, prob: 0.125}\n"
		  "  - {name: Type 2, cost: 0.3, prob: 0.125}\n"
		  "  - {name: Type 3, cost: 0.2, prob: 0.125}\n"
		  "  - {name: Type 4, cost: 0.15, prob: 0.125}\n"
		  "  - {name: Type 5, cost: 0.1, prob: 0.125}\n"
		  "  - {name: Type 6, cost: 0.07, prob: 0.125}\n"
		  "  - {name: Type 7, cost: 0.04, prob: 0.125}\n"
		  "  - {name: Type 8, cost: 0.02, prob: 0.125}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_twotype),
		cmocka_unit_test(test_scenario1),
		cmocka_unit_test(test_scenario2),
		cmocka_unit_test(test_scenario3),
		cmocka_unit_test(test_figure2),
		cmocka_unit_test(test_large_values),
		cmocka_unit_test(test_tiny_values),
		cmocka_unit_test(test_eight_types),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	free(refs.v);
	return failed;
}
