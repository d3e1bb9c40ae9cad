/*
 * tui.h - the explorer: state shared by the tui-*.c files.
 *
 * The explorer is a client of the engine: one struct app holds the
 * scenario being edited, its history, the prepared model, the last good
 * contract and the view state, and is passed explicitly (no globals but
 * the curses screen).  Key handlers change state and return flags; the
 * loop in tui-app.c acts on them (re-solve, relayout, redraw, quit) and
 * draws everything from state in one place, then makes one doupdate().
 * Only tui-*.c include curses.
 */
#ifndef CML_TUI_H
#define CML_TUI_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "contract.h"
#include "model.h"
#include "rewards.h"
#include "scenario-edit.h"
#include "scenario.h"
#include "solve-worker.h"
#include "view-layout.h"

/* What a handler asks the loop to do (OR-ed together). */
enum {
	TUI_NOTHING = 0,
	TUI_REDRAW = 1 << 0,  /* draw the screen again */
	TUI_RESOLVE = 1 << 1, /* the scenario changed: solve, then draw */
	TUI_RELAYOUT = 1 << 2,/* pane sizes or contents' shape changed */
	TUI_CLEAR = 1 << 3,   /* repaint every cell (resize, Ctrl-L) */
	TUI_QUIT = 1 << 4,
};

/* Semantic colour roles; each has a monochrome attribute as well. */
enum tui_role {
	ROLE_NORMAL,
	ROLE_HEADER,       /* the top line */
	ROLE_TITLE,        /* pane titles */
	ROLE_BORDER,
	ROLE_FOCUS,        /* the focused pane's border and title */
	ROLE_LABEL,        /* column headings, parameter names */
	ROLE_CURSOR,       /* the selected cell */
	ROLE_EDIT,         /* a cell being edited */
	ROLE_CHANGED,      /* values the last edit changed indirectly */
	ROLE_GOOD,         /* pass, incentivised extra */
	ROLE_BAD,          /* fail, reduced contribution, errors */
	ROLE_WARN,         /* stale results, notices */
	ROLE_KEY,          /* key names in the footer */
	ROLE_BAR,          /* histogram and contract bars */
	ROLE_BAR_ALT,      /* reservation bars */
	ROLE_MARK,         /* t_i markers, tick labels */
	ROLE_DIM,
	ROLE_HEAT0,        /* heat map, coolest to warmest */
	ROLE_HEAT1,
	ROLE_HEAT2,
	ROLE_HEAT3,
	ROLE_HEAT4,
	ROLE_COUNT
};

struct tui_options {
	bool ascii;          /* plain ASCII even in a UTF-8 locale */
	bool color;          /* false: monochrome (also NO_COLOR) */
	bool mouse;          /* capture mouse clicks */
	bool high_contrast;  /* the projector colour scheme */
	bool fixed_clock;    /* hide timings (golden screens, screenshots) */
};

/* A one-line text editor for cells and prompts. */
struct line_edit {
	char text[PATH_MAX];
	int len;
	int pos;      /* cursor, in bytes */
};

enum tui_modal {
	MODAL_NONE,
	MODAL_HELP,
	MODAL_PRESETS,
	MODAL_PROMPT,   /* a path for open, save, export or a figure */
	MODAL_CONFIRM,  /* yes or no */
	MODAL_NOTES,    /* the scenario's notes, shown on load */
	MODAL_FAMILY,   /* the accuracy or valuation family menu */
};

enum tui_prompt_purpose { PROMPT_OPEN, PROMPT_SAVE, PROMPT_EXPORT,
			  PROMPT_MAP_X, PROMPT_MAP_Y, PROMPT_OUTSIDE,
			  PROMPT_FIGURE };
enum tui_confirm_purpose { CONFIRM_QUIT, CONFIRM_SAVE, CONFIRM_EXPORT,
			   CONFIRM_FIGURE };

/*
 * The rows of the types pane: the global parameters (N, each parameter of
 * the accuracy family, each of the valuation family: four for sgb and
 * linear), then the types.
 */
static inline int types_global_rows(const struct scenario *sc)
{
	return 1 + sc->accuracy.family->nparams + sc->valuation.family->nparams;
}

#define TUI_UNDO_MAX 200

struct sweep;
struct lesson;

/* The map view: a sweep over two parameters, filled in progressively. */
struct map_state {
	struct sweep *sweep;            /* NULL until the map is shown */
	struct scenario base;           /* the scenario the sweep is for */
	char x_text[64], y_text[64];    /* axes chosen in this session */
	int quantity;                   /* what the cells show (see tui-pane-map.c) */
	int cx, cy;                     /* cursor: grid column and row */
	double seconds;                 /* solving time so far */
};

/* The screening diagram's view: whose lines stand out, which window. */
struct screening_view {
	int focus;           /* the type picked out (0-based), -1 for none */
	bool around_options; /* the region around the options, not all */
};

struct app {
	struct tui_options opt;
	bool utf8;                      /* draw Unicode lines and blocks */

	/* The scenario being edited and where it came from. */
	struct scenario scenario;
	struct scenario saved;          /* as last opened or saved */
	char path[PATH_MAX];            /* its file, "" if a preset/new */
	char source[PATH_MAX];          /* "preset:NAME" or the path */

	/* History: scenarios before each edit, and undone ones. */
	struct scenario *undo, *redo;
	int undo_count, redo_count;

	/* The engine. */
	struct model model;             /* the shown contract's scenario */
	struct solve_worker *worker;    /* solves off the UI thread */
	bool solving;                   /* a solve for the scenario runs */
	double solve_started;           /* when it was asked for */
	struct contract contract;       /* the last good solution */
	bool have_contract;
	bool stale;                     /* contract is for an older scenario */
	char solve_note[160];           /* why the last solve failed */
	double solve_seconds;           /* how long the last solve took */
	struct reward_distribution dist[CML_MAX_TYPES];
	bool have_dist;
	bool have_complete;             /* contract.complete is current
					   (computed on demand) */

	/* The view. */
	struct layout layout;
	int width, height;
	enum pane_kind view;            /* the view slot's pane */
	bool view_chosen;
	enum pane_kind compact_pane;    /* the pane shown in COMPACT mode */
	bool zoomed;                    /* the focused pane fills the screen */
	int scroll[PANE_COUNT];         /* first item shown, in list panes */
	bool unzoomed_visible[PANE_COUNT]; /* what the layout shows unzoomed */
	enum pane_kind focus;           /* the focused pane */
	int row, col;                   /* cursor in the types pane */
	bool show_slacks;
	uint64_t changed_mask;          /* types whose prob the edit rescaled
					   (bit i: type i; CML_MAX_TYPES <= 64) */
	bool method_refused;            /* E was refused exact (or approx
					   for a non-linear v): the next E
					   skips it */
	bool change_wanted;             /* the solve asked for follows an
					   edit of a solved scenario: its
					   answer says what moved */

	/* Editing a cell in place. */
	bool editing;
	struct line_edit edit;

	/* Modal dialogs. */
	enum tui_modal modal;
	int menu_index;                 /* presets and family menus, help
					   scroll */
	bool family_valuation;          /* the family menu lists valuation
					   (not accuracy) families */
	struct line_edit prompt;
	enum tui_prompt_purpose prompt_purpose;
	int prompt_type;                /* PROMPT_OUTSIDE: the type (0-based) */
	enum tui_confirm_purpose confirm_purpose;
	char confirm_path[PATH_MAX];
	char confirm_question[PATH_MAX + 80];

	/* The message line. */
	char message[PATH_MAX + 160];
	bool message_error;

	bool notes_pending;             /* show the notes once laid out */
	struct map_state map;
	int incentives_column;          /* first option column shown in the
					   incentive table (a window when
					   they do not all fit) */
	struct screening_view screening;

	/* A guided lesson (tui-lesson.h), if the explorer runs one. */
	const struct lesson *lesson;    /* NULL: none */
	bool lesson_on;                 /* shown (Esc leaves, L resumes) */
	int lesson_step;                /* 0-based */
	int lesson_rows;                /* the strip's rows as laid out */
	int lesson_scroll;              /* first text line shown, when the
					   strip is too short for it all */
	bool quit;
};

/* A pane: how to draw it and how it reacts to keys and clicks. */
struct tui_pane_ops {
	enum pane_kind kind;
	/* Draws the pane (border included) inside r. */
	void (*draw)(struct app *app, struct rect r, bool focused);
	/* Keys the pane handles itself; returns flags, or -1 if not its key. */
	int (*key)(struct app *app, int key);
	/* A click at (y, x) inside r; returns flags. May be NULL. */
	int (*click)(struct app *app, struct rect r, int y, int x);
	/* A list that the arrow keys, Home and End scroll when the pane has
	   focus (it draws through draw_scroll()). */
	bool scrolls;
	/* Where the terminal cursor goes when the pane has focus (NULL: on
	   the pane's title). */
	void (*cursor)(const struct app *app, struct rect r, int *y, int *x);
};

extern const struct tui_pane_ops tui_pane_types;
extern const struct tui_pane_ops tui_pane_contract;
extern const struct tui_pane_ops tui_pane_status;
extern const struct tui_pane_ops tui_pane_rewards;
extern const struct tui_pane_ops tui_pane_contrib;
extern const struct tui_pane_ops tui_pane_welfare;
extern const struct tui_pane_ops tui_pane_notes;
extern const struct tui_pane_ops tui_pane_map;
extern const struct tui_pane_ops tui_pane_incentives;
extern const struct tui_pane_ops tui_pane_screening;

/* tui-pane-map.c: the map's background work and teardown. */

/*
 * Computes map points for up to `seconds` if the map is shown and not
 * finished.  Returns true if work remains (the loop then polls for keys
 * instead of blocking).
 */
bool tui_map_work(struct app *app, double seconds);
/* Sets an axis from text typed at the prompt; false with a message. */
bool tui_map_set_axis(struct app *app, bool y, const char *text);
void tui_map_free(struct app *app);
struct sweep_quantity;
/* The map's current quantity as a sweep quantity; false for its groups. */
bool tui_map_sweep_quantity(const struct app *app, struct sweep_quantity *out);

/* The ops of a pane kind (NULL for kinds without a pane yet). */
const struct tui_pane_ops *tui_pane(enum pane_kind kind);

/* tui-app.c: state changes shared by panes and dialogs. */

/* Sets the message line (error: shown in the error colour). */
void tui_message(struct app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Makes next the current scenario, keeping the old one for undo. */
int tui_commit(struct app *app, const struct scenario *next);
/* Replaces the scenario with a loaded one (undoable); path may be "". */
int tui_load(struct app *app, const struct scenario *sc, const char *path,
	     const char *source);
/*
 * After an edit of target produced next (the edited type now at index
 * moved): commits it, moves the cursor with the type and says what else
 * changed (rescaled probabilities, re-sorted types).  Returns flags.
 */
int tui_edit_done(struct app *app, const struct scenario *next,
		  struct edit_target target, int moved);
/*
 * Computes the complete-information benchmark for the current contract
 * if wanted and not done yet (it costs a root per outcome, so it waits
 * until the welfare pane or an export needs it).
 */
void tui_app_complete_info(struct app *app, bool wanted);
/* True if the scenario differs from the one last opened or saved. */
bool tui_modified(const struct app *app);

#endif
