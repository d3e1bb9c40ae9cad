/*
 * tui-term.c - curses setup, colour schemes, reading keys and teardown.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "tui-term.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "tui-keys.h"

/* ESCDELAY when the user has not set one: instant to a person, long
   enough for arrow keys over SSH. */
#define DEFAULT_ESCDELAY_MS 100

/* Bracketed paste on and off (xterm, and what copies it). */
#define PASTE_ON "\033[?2004h"
#define PASTE_OFF "\033[?2004l"

static SCREEN *screen;
static FILE *virtual_out, *virtual_in;
static bool paste_mode;         /* PASTE_ON was sent: send PASTE_OFF */
static struct tui_keys decoder; /* what getch() gave, back into keys */
static char paste_text[TUI_KEYS_PASTE_MAX + 1];
static bool colors_on;
static int mono_attr[ROLE_COUNT];

/* Colour pairs per role: foreground, background (-1: terminal default). */
struct pair {
	short fg, bg;
	int attr;
};

static const struct pair normal_scheme[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, 0 },
	[ROLE_HEADER] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
	[ROLE_TITLE] = { -1, -1, A_BOLD },
	[ROLE_BORDER] = { COLOR_CYAN, -1, 0 },
	[ROLE_FOCUS] = { COLOR_YELLOW, -1, A_BOLD },
	[ROLE_LABEL] = { COLOR_CYAN, -1, 0 },
	[ROLE_CURSOR] = { COLOR_BLACK, COLOR_CYAN, 0 },
	[ROLE_EDIT] = { COLOR_BLACK, COLOR_YELLOW, 0 },
	[ROLE_CHANGED] = { COLOR_MAGENTA, -1, A_BOLD },
	[ROLE_GOOD] = { COLOR_GREEN, -1, A_BOLD },
	[ROLE_BAD] = { COLOR_RED, -1, A_BOLD },
	[ROLE_WARN] = { COLOR_YELLOW, -1, A_BOLD },
	[ROLE_KEY] = { COLOR_CYAN, -1, A_BOLD },
	[ROLE_BAR] = { COLOR_GREEN, -1, 0 },
	[ROLE_BAR_ALT] = { COLOR_BLUE, -1, A_BOLD },
	[ROLE_MARK] = { COLOR_YELLOW, -1, A_BOLD },
	[ROLE_DIM] = { -1, -1, A_DIM },
	[ROLE_HEAT0] = { COLOR_WHITE, COLOR_BLUE, 0 },
	[ROLE_HEAT1] = { COLOR_BLACK, COLOR_CYAN, 0 },
	[ROLE_HEAT2] = { COLOR_BLACK, COLOR_GREEN, 0 },
	[ROLE_HEAT3] = { COLOR_BLACK, COLOR_YELLOW, 0 },
	[ROLE_HEAT4] = { COLOR_WHITE, COLOR_RED, A_BOLD },
};

/* For projectors: no blue on black, no dim text, bold everywhere. */
static const struct pair contrast_scheme[ROLE_COUNT] = {
	[ROLE_NORMAL] = { COLOR_WHITE, COLOR_BLACK, A_BOLD },
	[ROLE_HEADER] = { COLOR_BLACK, COLOR_WHITE, A_BOLD },
	[ROLE_TITLE] = { COLOR_WHITE, COLOR_BLACK, A_BOLD },
	[ROLE_BORDER] = { COLOR_WHITE, COLOR_BLACK, 0 },
	[ROLE_FOCUS] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
	[ROLE_LABEL] = { COLOR_CYAN, COLOR_BLACK, A_BOLD },
	[ROLE_CURSOR] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[ROLE_EDIT] = { COLOR_BLACK, COLOR_WHITE, A_BOLD },
	[ROLE_CHANGED] = { COLOR_MAGENTA, COLOR_BLACK, A_BOLD },
	[ROLE_GOOD] = { COLOR_GREEN, COLOR_BLACK, A_BOLD },
	[ROLE_BAD] = { COLOR_RED, COLOR_BLACK, A_BOLD },
	[ROLE_WARN] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
	[ROLE_KEY] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
	[ROLE_BAR] = { COLOR_GREEN, COLOR_BLACK, A_BOLD },
	[ROLE_BAR_ALT] = { COLOR_CYAN, COLOR_BLACK, A_BOLD },
	[ROLE_MARK] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
	[ROLE_DIM] = { COLOR_WHITE, COLOR_BLACK, 0 },
	[ROLE_HEAT0] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
	[ROLE_HEAT1] = { COLOR_BLACK, COLOR_CYAN, A_BOLD },
	[ROLE_HEAT2] = { COLOR_BLACK, COLOR_GREEN, A_BOLD },
	[ROLE_HEAT3] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[ROLE_HEAT4] = { COLOR_WHITE, COLOR_RED, A_BOLD },
};

/* Without colour, meaning survives in attributes alone. */
static void init_mono(void)
{
	mono_attr[ROLE_NORMAL] = 0;
	mono_attr[ROLE_HEADER] = A_REVERSE;
	mono_attr[ROLE_TITLE] = A_BOLD;
	mono_attr[ROLE_BORDER] = 0;
	mono_attr[ROLE_FOCUS] = A_BOLD;
	mono_attr[ROLE_LABEL] = A_BOLD;
	mono_attr[ROLE_CURSOR] = A_REVERSE;
	mono_attr[ROLE_EDIT] = A_REVERSE | A_UNDERLINE;
	mono_attr[ROLE_CHANGED] = A_UNDERLINE;
	mono_attr[ROLE_GOOD] = 0;
	mono_attr[ROLE_BAD] = A_BOLD | A_REVERSE;
	mono_attr[ROLE_WARN] = A_BOLD;
	mono_attr[ROLE_KEY] = A_BOLD;
	mono_attr[ROLE_BAR] = 0;
	mono_attr[ROLE_BAR_ALT] = A_BOLD;
	mono_attr[ROLE_MARK] = A_BOLD;
	mono_attr[ROLE_DIM] = 0;
	/* The map's characters carry its meaning without colour. */
	for (int r = ROLE_HEAT0; r <= ROLE_HEAT4; r++)
		mono_attr[r] = 0;
}

int tui_attr(enum tui_role role)
{
	if (!colors_on)
		return mono_attr[role];
	return COLOR_PAIR(role + 1) | mono_attr[role];
}

void tui_term_apply_scheme(const struct app *app)
{
	const struct pair *scheme = app->opt.high_contrast ? contrast_scheme :
							     normal_scheme;

	init_mono();
	if (!colors_on) {
		if (app->opt.high_contrast)
			for (int r = 0; r < ROLE_COUNT; r++)
				mono_attr[r] |= r == ROLE_DIM ? 0 : A_BOLD;
		return;
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		init_pair((short)(r + 1), scheme[r].fg, scheme[r].bg);
		mono_attr[r] = scheme[r].attr;
	}
	bkgd((chtype)tui_attr(ROLE_NORMAL) | ' ');
}

void tui_term_set_mouse(bool on)
{
	mousemask(on ? BUTTON1_PRESSED | BUTTON1_CLICKED : 0, NULL);
	mouseinterval(0);
}

/* The curses key code of a key the decoder names. */
static int curses_key(enum tui_key_name name)
{
	switch (name) {
	case TUI_KEY_HOME:
		return KEY_HOME;
	case TUI_KEY_END:
		return KEY_END;
	case TUI_KEY_F1:
		return KEY_F(1);
	case TUI_KEY_UP:
		return KEY_UP;
	case TUI_KEY_DOWN:
		return KEY_DOWN;
	case TUI_KEY_RIGHT:
		return KEY_RIGHT;
	case TUI_KEY_LEFT:
		return KEY_LEFT;
	case TUI_KEY_INSERT:
		return KEY_IC;
	case TUI_KEY_DELETE:
		return KEY_DC;
	case TUI_KEY_PAGE_UP:
		return KEY_PPAGE;
	case TUI_KEY_PAGE_DOWN:
		return KEY_NPAGE;
	case TUI_KEY_BACK_TAB:
		return KEY_BTAB;
	case TUI_KEY_NAME_COUNT:
		break;
	}
	return TUI_KEY_UNKNOWN;
}

/* Teaches curses the common spellings its terminfo entry may lack (the
   decoder catches the rest). */
static void define_keys(void)
{
	for (int i = 0; i < tui_key_sequences_count; i++) {
		const char *seq = tui_key_sequences[i].bytes;
		if (key_defined(seq) <= 0)
			define_key(seq, curses_key(tui_key_sequences[i].name));
	}
}

/* Everything after newterm: modes, delay, keys, colours, mouse. */
static void configure(struct app *app)
{
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(DEFAULT_ESCDELAY_MS);
	define_keys();
	tui_keys_init(&decoder);
	colors_on = false;
	if (app->opt.color && getenv("NO_COLOR") == NULL && has_colors() &&
	    start_color() == OK) {
		use_default_colors();
		colors_on = COLORS >= 8 && COLOR_PAIRS > ROLE_COUNT;
	}
	tui_term_apply_scheme(app);
	tui_term_set_mouse(app->opt.mouse);
	curs_set(1);
}

static bool locale_is_utf8(void)
{
	const char *codeset = nl_langinfo(CODESET);

	return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 ||
				   strcmp(codeset, "utf8") == 0);
}

enum term_kind {
	TERM_USABLE,  /* curses can draw on it */
	TERM_UNKNOWN, /* no terminfo entry */
	TERM_BLIND,   /* known, but hardcopy or without cursor addressing
			 (TERM=dumb): curses would draw blind */
};

/* Looks TERM up in terminfo without touching the terminal. */
static enum term_kind term_kind(const char *term)
{
	int err = 0;

	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return err == 1 ? TERM_BLIND : TERM_UNKNOWN;
	const char *cup = tigetstr("cup");
	bool blind = cup == NULL || cup == (char *)-1 || tigetflag("hc") > 0;
	del_curterm(cur_term);
	return blind ? TERM_BLIND : TERM_USABLE;
}

int tui_term_open(struct app *app, char *why, size_t size)
{
	const char *term = getenv("TERM");

	/* LC_CTYPE only: numbers keep the C locale's decimal point. */
	setlocale(LC_CTYPE, "");
	app->utf8 = locale_is_utf8() && !app->opt.ascii;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(why, size, "the explorer needs a terminal; for "
			 "scripts use 'cmlcontract solve'");
		return -1;
	}
	if (term == NULL || term[0] == '\0') {
		snprintf(why, size, "TERM is not set; run it as "
			 "'TERM=xterm-256color cmlcontract'");
		return -1;
	}
	switch (term_kind(term)) {
	case TERM_UNKNOWN:
		snprintf(why, size, "the terminal type '%s' is unknown here; "
			 "run 'TERM=xterm-256color cmlcontract' or install "
			 "its terminfo (Debian: ncurses-term)", term);
		return -1;
	case TERM_BLIND:
		snprintf(why, size, "the terminal type '%s' cannot move the "
			 "cursor, so the explorer cannot draw on it; run "
			 "'TERM=xterm-256color cmlcontract', or use "
			 "'cmlcontract solve' on this terminal", term);
		return -1;
	case TERM_USABLE:
		break;
	}
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		snprintf(why, size, "the terminal type '%s' is unknown here; "
			 "run 'TERM=xterm-256color cmlcontract' or install "
			 "its terminfo (Debian: ncurses-term)", term);
		return -1;
	}
	set_term(screen);
	configure(app);
	/* Pastes arrive marked, so they are never taken for keys. */
	fputs(PASTE_ON, stdout);
	fflush(stdout);
	paste_mode = true;
	return 0;
}

int tui_term_open_virtual(struct app *app, int width, int height,
			  const char *term, char *why, size_t size)
{
	char rows_text[16], cols_text[16];

	setlocale(LC_CTYPE, "");
	app->utf8 = locale_is_utf8() && !app->opt.ascii;
	snprintf(rows_text, sizeof(rows_text), "%d", height);
	snprintf(cols_text, sizeof(cols_text), "%d", width);
	setenv("LINES", rows_text, 1);
	setenv("COLUMNS", cols_text, 1);
	use_env(TRUE);
	virtual_out = fopen("/dev/null", "w");
	virtual_in = fopen("/dev/null", "r");
	screen = virtual_out && virtual_in ?
			 newterm(term, virtual_out, virtual_in) : NULL;
	if (screen == NULL) {
		snprintf(why, size, "cannot open a virtual '%s' terminal", term);
		if (virtual_out)
			fclose(virtual_out);
		if (virtual_in)
			fclose(virtual_in);
		virtual_out = virtual_in = NULL;
		return -1;
	}
	set_term(screen);
	configure(app);
	return 0;
}

void tui_term_close(void)
{
	if (screen == NULL)
		return;
	endwin();
	if (paste_mode) {
		fputs(PASTE_OFF, stdout);
		fflush(stdout);
		paste_mode = false;
	}
	delscreen(screen);
	screen = NULL;
	if (virtual_out != NULL) {
		fclose(virtual_out);
		fclose(virtual_in);
		virtual_out = virtual_in = NULL;
	}
}

/* An event of the decoder as a key code for tui_app_key(). */
static int event_key(const struct tui_keys_event *ev)
{
	switch (ev->kind) {
	case TUI_KEYS_CODE:
		return ev->code;
	case TUI_KEYS_NAMED:
		return curses_key(ev->name);
	case TUI_KEYS_PASTE:
		snprintf(paste_text, sizeof(paste_text), "%s", ev->text);
		return TUI_KEY_PASTE;
	case TUI_KEYS_UNKNOWN:
		break;
	}
	return TUI_KEY_UNKNOWN;
}

int tui_term_read_key(int wait_ms)
{
	struct tui_keys_event ev;

	for (;;) {
		if (tui_keys_next(&decoder, &ev))
			return event_key(&ev);
		bool pending = tui_keys_pending(&decoder);
		timeout(pending ? tui_keys_wait_ms(&decoder) : wait_ms);
		int c = getch();
		if (c == ERR) {
			if (!pending)
				return ERR;
			tui_keys_timeout(&decoder);
			continue;
		}
		/* A resize is never held back, even inside a paste. */
		if (c == KEY_RESIZE)
			return c;
		tui_keys_feed(&decoder, c);
	}
}

const char *tui_term_paste_text(void)
{
	return paste_text;
}
