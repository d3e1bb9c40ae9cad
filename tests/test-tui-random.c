/*
 * test-tui-random.c - random keys on the explorer, in process.
 *
 * The explorer on a virtual terminal (curses writing to /dev/null, as in
 * tests/test-tui.c) gets thousands of keys from a fixed seed on several
 * presets: every key of the action table, raw escape sequences as real
 * terminals send them (PuTTY's Home and End, rxvt's F1, keypad 5,
 * bracketed paste, arrows in both modes), printable characters, and a
 * resize to a random size between 1x1 and 200x60 every couple of hundred
 * keys.  Keys go in through curses' own queue (ungetch) and come out of
 * getch() into tui_app_key(), as in the loop of tui_run().  The process
 * must never die, and at the end q (answering the quit question if it
 * comes) must quit, at the last random size and at 80x24.  A fixed
 * script checks what keys do below the minimum size.
 *
 * Saving and exporting may write files with random names: the test runs
 * in a scratch directory, and '/' is never typed, so nothing lands
 * outside it.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lesson.h"
#include "presets.h"
#include "tui-actions.h"
#include "tui-app.h"
#include "tui-term.h"
#include "tui-harness.h"

#define KEY_ESCAPE 27
/* Keys per preset, and resizes every RESIZE_MIN..RESIZE_MAX keys. */
#define KEYS_PER_PRESET 3000
#define RESIZE_MIN 100
#define RESIZE_MAX 300

static uint64_t rng_state;

/* xorshift64*: the same sequence on every platform. */
static uint32_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ull) >> 32);
}

static int rng_below(int n)
{
	return (int)(rng() % (uint32_t)n);
}

/* Byte sequences as terminals send them (some decoded, some not). */
static const char *const sequences[] = {
	"\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D",       /* arrows, normal */
	"\x1bOA", "\x1bOB", "\x1bOC", "\x1bOD",       /* arrows, application */
	"\x1b[1~", "\x1b[4~", "\x1b[H", "\x1b[F",     /* Home, End */
	"\x1bOH", "\x1bOF", "\x1b[7~", "\x1b[8~",     /* more Home, End */
	"\x1b[11~", "\x1b[12~", "\x1bOP", "\x1bOQ",   /* F1, F2 */
	"\x1b[E", "\x1bOE", "\x1b[G",                 /* keypad 5 */
	"\x1b[2~", "\x1b[3~", "\x1b[5~", "\x1b[6~",   /* Ins Del PgUp PgDn */
	"\x1b[Z", "\x1b[1;5A", "\x1b[1;2D",           /* Shift-Tab, modified */
	"\x1b[200~0.5\x1b[201~",                      /* bracketed paste */
	"\x1b[200~text\nmore\x1b[201~",
	"\x1b[200~", "\x1b[201~",
	"\x1b[M !!", "\x1b[<0;5;5M",                  /* mouse reports */
	"\x1b[?1;2c", "\x1b]0;title\x07",             /* replies, OSC */
	"\x1b", "\x1b\x1b", "\x1bx",                  /* Esc, Alt-x */
};

/* Every key of the action table, collected once. */
static int table_keys[256];
static int table_count;

static void collect_table_keys(void)
{
	table_count = 0;
	for (int i = 0; i < tui_actions_count; i++)
		for (int k = 0; k < TUI_ACTION_KEYS && tui_actions[i].keys[k]; k++)
			if (table_count < (int)(sizeof(table_keys) /
						sizeof(table_keys[0])))
				table_keys[table_count++] = tui_actions[i].keys[k];
}

/* Reads what is queued as the loop does: getch, handle, settle, draw. */
static void drain(void)
{
	int key;

	/* Read as the loop reads: whole sequences, pastes as text. */
	while ((key = tui_term_read_key(0)) != ERR) {
		int flags = key == TUI_KEY_PASTE ?
				    tui_app_paste(&app, tui_term_paste_text()) :
				    tui_app_key(&app, key);
		tui_app_settle(&app, flags);
		tui_app_wait_solve(&app);
		tui_app_draw(&app);
		if (app.quit)
			break;
	}
}

/* Queues codes (bytes or curses key codes) in order, then reads them. */
static void feed_codes(const int *codes, int n)
{
	for (int k = n - 1; k >= 0; k--)
		ungetch(codes[k]);
	drain();
}

static void feed_bytes(const char *s)
{
	int codes[64], n = 0;

	while (*s && n < 64)
		codes[n++] = (unsigned char)*s++;
	feed_codes(codes, n);
}

static void feed_key(int key)
{
	feed_codes(&key, 1);
}

/* resizeterm, then KEY_RESIZE as curses queues it after SIGWINCH. */
static void resize(int w, int h)
{
	resizeterm(h, w);
	feed_key(KEY_RESIZE);
}

/* One random input: a table key, a raw sequence, text, or map work. */
static void random_input(void)
{
	int pick = rng_below(100);

	if (pick < 45) {
		feed_key(table_keys[rng_below(table_count)]);
	} else if (pick < 65) {
		feed_bytes(sequences[rng_below((int)(sizeof(sequences) /
						     sizeof(sequences[0])))]);
	} else if (pick < 90) {
		/* Printable ASCII except '/': paths stay in this directory. */
		int c;
		do
			c = 0x20 + rng_below(0x7f - 0x20);
		while (c == '/');
		feed_key(c);
	} else if (pick < 95) {
		static const int others[] = {
			KEY_HOME, KEY_END, KEY_NPAGE, KEY_PPAGE, KEY_BACKSPACE,
			127, 21 /* Ctrl-U */, 1, 5, KEY_F(2), KEY_F(10),
			KEY_MOUSE, KEY_IC, 0x80, 0xc3, 0xff,
		};
		feed_key(others[rng_below((int)(sizeof(others) /
						sizeof(others[0])))]);
	} else {
		/* What the loop does while it waits for a key. */
		tui_map_work(&app, 0.002);
		tui_app_settle(&app, TUI_REDRAW);
		tui_app_draw(&app);
	}
}

/* q, answering yes if it asks; true if the app then quits. */
static bool quit_now(void)
{
	/* Leave whatever is open (help, a prompt, an edit) first. */
	for (int k = 0; k < 4 && !app.quit; k++) {
		if (app.modal == MODAL_CONFIRM &&
		    app.confirm_purpose == CONFIRM_QUIT) {
			feed_key('y');
			break;
		}
		feed_key(KEY_ESCAPE);
		feed_key('q');
	}
	return app.quit;
}

/* name: a preset, or with lesson a lesson run from its first step. */
static void run_random(const char *name, uint64_t seed, bool lesson_mode)
{
	struct tui_options opt = { .ascii = true, .color = false,
				   .fixed_clock = true };
	struct scenario sc;
	struct cml_error err;
	char source[80], why[256];

	struct lesson lesson;

	rng_state = seed;
	if (lesson_mode) {
		assert_int_equal(lesson_load(name, &lesson, &err), 0);
		sc = lesson.steps[0].scenario;
		snprintf(source, sizeof(source), "%.79s", lesson.steps[0].source);
	} else {
		assert_int_equal(preset_load(preset_find(name), &sc, &err), 0);
		snprintf(source, sizeof(source), "preset:%s", name);
	}
	assert_int_equal(tui_app_init(&app, &opt, &sc, "", source), 0);
	if (tui_term_open_virtual(&app, 80, 24, "xterm", why, sizeof(why)) != 0)
		fail_msg("%s", why);
	tui_app_start(&app);
	if (lesson_mode)
		tui_app_start_lesson(&app, &lesson);
	tui_app_draw(&app);
	int next_resize = RESIZE_MIN;
	for (int k = 0; k < KEYS_PER_PRESET && !app.quit; k++) {
		if (k == next_resize) {
			resize(1 + rng_below(200), 1 + rng_below(60));
			next_resize += RESIZE_MIN +
				       rng_below(RESIZE_MAX - RESIZE_MIN);
		}
		random_input();
		if (lesson_mode)
			assert_true(app.lesson_step >= 0 &&
				    app.lesson_step < lesson.nsteps);
		/* q may have quit (unmodified, or y to the question): reopen. */
		if (app.quit) {
			app.quit = false;
			app.modal = MODAL_NONE;
		}
	}
	if (!quit_now())
		fail_msg("%s: q did not quit at %dx%d", name, app.width,
			 app.height);
	app.quit = false;
	resize(80, 24);
	if (!quit_now())
		fail_msg("%s: q did not quit at 80x24", name);
	tui_term_close();
	tui_app_free(&app);
	if (lesson_mode)
		lesson_free(&lesson);
}

static void run_preset(const char *name, uint64_t seed)
{
	run_random(name, seed, false);
}

/*
 * Below the minimum size only q (with its question, shown in the notice),
 * Ctrl-C and Ctrl-L act: Tab does not divide by zero panes, ? opens no
 * invisible help, Enter commits no hidden edit; the edit is still there
 * when the terminal grows.
 */
static void test_below_minimum(void **state)
{
	struct tui_options opt = { .ascii = true, .color = false,
				   .fixed_clock = true };
	struct scenario sc;
	struct cml_error err;
	char why[256];

	(void)state;
	assert_int_equal(preset_load(preset_find("twotype"), &sc, &err), 0);
	assert_int_equal(tui_app_init(&app, &opt, &sc, "", "preset:twotype"), 0);
	if (tui_term_open_virtual(&app, 80, 24, "xterm", why, sizeof(why)) != 0)
		fail_msg("%s", why);
	tui_app_start(&app);
	tui_app_draw(&app);
	feed_key(KEY_ESCAPE);
	feed_bytes("0.03");
	assert_true(app.editing);
	const int sizes[][2] = { { 1, 1 }, { 33, 34 }, { 22, 43 }, { 39, 24 },
				 { 80, 11 }, { 30, 10 } };
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		resize(sizes[k][0], sizes[k][1]);
		assert_int_equal(app.layout.mode, LAYOUT_TOO_SMALL);
		enum pane_kind focus = app.focus;
		feed_codes((int[]){ '\t', KEY_BTAB, '?', '\r', ']', 'r', 'm',
				    KEY_MOUSE, 12 /* Ctrl-L */ }, 9);
		assert_int_equal(app.modal, MODAL_NONE);
		assert_int_equal(app.focus, focus);
		assert_true(app.editing);
		assert_true(app.scenario.types[0].cost == sc.types[0].cost);
		assert_int_equal(app.scenario.participants, sc.participants);
		assert_false(app.view_chosen);
	}
	resize(80, 24);
	assert_true(app.editing);
	assert_true(harness_screen_has("0.03"));
	feed_key('\r');
	assert_true(app.scenario.types[0].cost == 0.03);
	/* Without an edit open, the keys reach no pane either. */
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		resize(sizes[k][0], sizes[k][1]);
		enum pane_kind focus = app.focus;
		feed_codes((int[]){ '\t', KEY_BTAB, '?', '\r', ']', 'r', 'm',
				    'a', '0', KEY_MOUSE, 12 }, 11);
		assert_int_equal(app.modal, MODAL_NONE);
		assert_int_equal(app.focus, focus);
		assert_false(app.editing);
		assert_int_equal(app.scenario.participants, sc.participants);
		assert_int_equal(app.scenario.ntypes, sc.ntypes);
		assert_false(app.view_chosen);
	}
	/* Unsaved changes: q asks, in the notice, and y quits. */
	resize(20, 6);
	feed_key('q');
	assert_int_equal(app.modal, MODAL_CONFIRM);
	assert_true(harness_screen_has("Quit anyway? (y/n)"));
	feed_key('n');
	assert_int_equal(app.modal, MODAL_NONE);
	assert_true(harness_screen_has("(20x6)"));
	feed_codes((int[]){ 'q', 'y' }, 2);
	assert_true(app.quit);
	tui_term_close();
	tui_app_free(&app);
}

static char scratch[] = "/tmp/cmlcontract-random-XXXXXX";

static int enter_scratch(void **state)
{
	(void)state;
	collect_table_keys();
	if (mkdtemp(scratch) == NULL || chdir(scratch) != 0)
		return -1;
	return 0;
}

/* Removes what saves and exports wrote, then the directory. */
static int leave_scratch(void **state)
{
	DIR *d = opendir(".");
	struct dirent *e;

	(void)state;
	while (d != NULL && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(e->d_name);
	if (d != NULL)
		closedir(d);
	if (chdir("/") != 0)
		return -1;
	rmdir(scratch);
	return 0;
}

static void test_random_twotype(void **state)
{
	(void)state;
	run_preset("twotype", 0x5eed0001u);
}

static void test_random_scenario1(void **state)
{
	(void)state;
	run_preset("scenario1", 0x5eed0002u);
}

static void test_random_scenario3(void **state)
{
	(void)state;
	run_preset("scenario3", 0x5eed0003u);
}

static void test_random_figure2(void **state)
{
	(void)state;
	run_preset("figure2", 0x5eed0004u);
}

static void test_random_lesson(void **state)
{
	(void)state;
	run_random("paper", 0x5eed0005u, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_below_minimum),
		cmocka_unit_test(test_random_twotype),
		cmocka_unit_test(test_random_scenario1),
		cmocka_unit_test(test_random_scenario3),
		cmocka_unit_test(test_random_figure2),
		cmocka_unit_test(test_random_lesson),
	};
	return cmocka_run_group_tests(tests, enter_scratch, leave_scratch);
}
