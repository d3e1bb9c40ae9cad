/*
 * tui-harness.c - the explorer on a virtual terminal, for tests.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "lesson.h"
#include "presets.h"
#include "tui-app.h"
#include "tui-harness.h"
#include "tui-term.h"

struct app app;

void harness_open(const struct scenario *sc, const char *source, int w,
		  int h, bool ascii)
{
	harness_open_capped(sc, source, w, h, ascii, 0);
}

void harness_open_capped(const struct scenario *sc, const char *source,
			 int w, int h, bool ascii, int maxeval)
{
	/* Timings hidden: the same screen on every machine. */
	struct tui_options opt = { .ascii = ascii, .color = false,
				   .fixed_clock = true };
	char why[256];

	assert_int_equal(tui_app_init(&app, &opt, sc, "", source), 0);
	if (maxeval > 0)
		solve_worker_set_maxeval(app.worker, maxeval);
	if (tui_term_open_virtual(&app, w, h, "xterm", why, sizeof(why)) != 0)
		fail_msg("%s", why);
	tui_app_start(&app);
	tui_app_wait_solve(&app);
	tui_app_draw(&app);
}

void harness_open_lesson(const struct lesson *lesson, int w, int h,
			 bool ascii)
{
	harness_open(&lesson->steps[0].scenario, lesson->steps[0].source, w,
		     h, ascii);
	tui_app_start_lesson(&app, lesson);
	tui_app_wait_solve(&app);
	tui_app_draw(&app);
}

void harness_open_preset(const char *name, int w, int h)
{
	struct scenario sc;
	struct cml_error err;
	char source[80];

	assert_int_equal(preset_load(preset_find(name), &sc, &err), 0);
	snprintf(source, sizeof(source), "preset:%s", name);
	harness_open(&sc, source, w, h, true);
}

void harness_close(void)
{
	tui_term_close();
	tui_app_free(&app);
}

void harness_keys(const int *seq)
{
	for (; *seq; seq++) {
		int flags = tui_app_key(&app, *seq);
		tui_app_settle(&app, flags);
		tui_app_wait_solve(&app); /* the answer, as the loop shows it */
		tui_app_draw(&app);
	}
}

void harness_type(const char *text)
{
	for (; *text; text++) {
		int k[2] = { (unsigned char)*text, 0 };
		harness_keys(k);
	}
}

void harness_resize(int w, int h)
{
	resizeterm(h, w);
	int k[2] = { KEY_RESIZE, 0 };
	harness_keys(k);
}

void harness_finish_map(void)
{
	while (tui_map_work(&app, 10.0))
		;
	tui_app_draw(&app);
}

/* Appends the characters of cell (y, x) as UTF-8 (ASCII stays ASCII). */
static char *append_cell(char *p, int y, int x)
{
	cchar_t cell;
	wchar_t wch[CCHARW_MAX + 1];
	attr_t attrs;
	short pair;
	mbstate_t state;

	if (mvin_wch(y, x, &cell) == ERR ||
	    getcchar(&cell, wch, &attrs, &pair, NULL) == ERR) {
		*p++ = '?';
		return p;
	}
	memset(&state, 0, sizeof(state));
	for (int k = 0; wch[k] != L'\0' && k < CCHARW_MAX; k++) {
		size_t n = wcrtomb(p, wch[k], &state);
		if (n == (size_t)-1)
			*p++ = '?';
		else
			p += n;
	}
	if (wch[0] == L'\0')
		*p++ = ' ';
	return p;
}

char *harness_screen(void)
{
	int h, w;
	getmaxyx(stdscr, h, w);
	if (h < 1 || w < 1 || h > 500 || w > 500)
		h = w = 1;
	/* MB_LEN_MAX bytes per cell (combining characters aside). */
	char *text = calloc((size_t)h, (size_t)w * MB_LEN_MAX * 2 + 2);
	char *p = text;

	for (int y = 0; y < h; y++) {
		char *line = p;
		for (int x = 0; x < w; x++)
			p = append_cell(p, y, x);
		while (p > line && p[-1] == ' ')
			p--;
		*p++ = '\n';
	}
	*p = '\0';
	return text;
}

bool harness_screen_has(const char *text)
{
	char *s = harness_screen();
	bool found = strstr(s, text) != NULL;

	free(s);
	return found;
}
