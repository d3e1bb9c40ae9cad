/*
 * tui-actions.h - every key of the explorer, described once.
 *
 * One table maps keys to named actions with a short label (the key bar)
 * and a help sentence (the help screen; tests/test-tui checks the man
 * page lists every key), so the three never drift apart.
 */
#ifndef CML_TUI_ACTIONS_H
#define CML_TUI_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum tui_action_id {
	ACT_NONE,
	ACT_HELP,
	ACT_QUIT,
	ACT_NEXT_PANE,
	ACT_PREV_PANE,
	ACT_UP,
	ACT_DOWN,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_HOME,
	ACT_END,
	ACT_EDIT,
	ACT_NUDGE_UP,
	ACT_NUDGE_DOWN,
	ACT_BIG_UP,
	ACT_BIG_DOWN,
	ACT_N_DOWN,
	ACT_N_UP,
	ACT_ADD_TYPE,
	ACT_DELETE_TYPE,
	ACT_PRESETS,
	ACT_OPEN,
	ACT_SAVE,
	ACT_EXPORT,
	ACT_UNDO,
	ACT_REDO,
	ACT_VIEW_REWARDS,
	ACT_VIEW_CONTRIB,
	ACT_VIEW_WELFARE,
	ACT_VIEW_NOTES,
	ACT_VIEW_MAP,
	ACT_VIEW_INCENTIVES,
	ACT_VIEW_SCREENING,
	ACT_METHOD,
	ACT_SLACKS,
	ACT_THEME,
	ACT_MOUSE,
	ACT_REDRAW,
	ACT_ZOOM,
	ACT_RESET,
	ACT_FAMILY,
	ACT_OUTSIDE,
	ACT_LESSON_NEXT,
	ACT_LESSON_BACK,
	ACT_LESSON_LEAVE,
	ACT_LESSON_RESUME,
	ACT_FIGURE,
	ACT_COUNT
};

#define TUI_ACTION_KEYS 4

struct tui_action {
	enum tui_action_id id;
	int keys[TUI_ACTION_KEYS]; /* curses key codes, 0-terminated */
	const char *key_names;     /* as the help screen shows them, "Up k" */
	const char *bar_keys;      /* keys as the key bar shows them, "a/d" */
	const char *bar;           /* key bar label, NULL if not shown */
	int bar_rank;              /* lower ranks stay when space is short */
	const char *help;          /* one sentence */
};

extern const struct tui_action tui_actions[];
extern const int tui_actions_count;

/* The action bound to a key, or ACT_NONE. */
enum tui_action_id tui_action_for_key(int key);

/* The table entry of an action. */
const struct tui_action *tui_action(enum tui_action_id id);

#endif
