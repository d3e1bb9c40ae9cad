/*
 * tui-harness.h - tests only: the explorer on a virtual terminal (curses
 * writing to /dev/null), driven key by key, its screen read back as text.
 *
 * One explorer at a time, in the global app, as the tests drive it.
 */
#ifndef CML_TUI_HARNESS_H
#define CML_TUI_HARNESS_H

#include <stdbool.h>

#include "scenario.h"
#include "tui.h"

extern struct app app;

/* Opens the explorer on sc at w x h; ASCII or UTF-8 box drawing. */
void harness_open(const struct scenario *sc, const char *source, int w,
		  int h, bool ascii);
/*
 * The same with every solve capped at maxeval evaluations per SLSQP run
 * (0: the default), for screens whose contract does not matter.
 */
void harness_open_capped(const struct scenario *sc, const char *source,
			 int w, int h, bool ascii, int maxeval);
struct lesson;
/* Opens the explorer on a lesson's first step, running the lesson. */
void harness_open_lesson(const struct lesson *lesson, int w, int h,
			 bool ascii);
/* The same on a preset, in ASCII. */
void harness_open_preset(const char *name, int w, int h);
void harness_close(void);

/* Feeds keys (0-terminated), waiting for each solve and drawing. */
void harness_keys(const int *seq);
void harness_type(const char *text);
void harness_resize(int w, int h);
/* Runs the map's sweep to the end and redraws. */
void harness_finish_map(void);

/* The screen as UTF-8 text, one line per row, trailing spaces removed. */
char *harness_screen(void);
bool harness_screen_has(const char *text);

#endif
