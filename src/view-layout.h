/*
 * view-layout.h - where each pane of the explorer goes, for a terminal size.
 *
 * Pure arithmetic (no curses), so the choice of layout per size is unit
 * tested without a terminal.  Four modes:
 *   FULL     wide and tall: types | contract over status | view, side by side
 *   MEDIUM   80x24 up: types | status over one bottom slot (contract and,
 *            when tall enough, the view below it)
 *   COMPACT  below 80x24 (a zoomed projector font): one pane at a time,
 *            with a tab bar
 *   TOO_SMALL below 40x12: a notice instead of the layout
 * Every mode keeps a header line at the top and a message line and a key
 * bar at the bottom.  A lesson's strip, when asked for, sits just above
 * the message line; the mode and the panes are those of a terminal that
 * much shorter.
 */
#ifndef CML_VIEW_LAYOUT_H
#define CML_VIEW_LAYOUT_H

#include <stdbool.h>

/* The true minimum; below it only a notice is drawn. */
#define LAYOUT_MIN_WIDTH 40
#define LAYOUT_MIN_HEIGHT 12

enum layout_mode {
	LAYOUT_FULL,
	LAYOUT_MEDIUM,
	LAYOUT_COMPACT,
	LAYOUT_TOO_SMALL,
};

/* The panes; the VIEW kinds share one slot, chosen by the user. */
enum pane_kind {
	PANE_TYPES,     /* editable types and global parameters */
	PANE_CONTRACT,  /* reservation levels and the contract menu */
	PANE_STATUS,    /* pooling status and the property checks */
	PANE_REWARDS,   /* reward distributions (histograms) */
	PANE_CONTRIB,   /* contributions: reservation vs contract */
	PANE_WELFARE,   /* complete-information benchmark and rents */
	PANE_NOTES,     /* the scenario's "what to notice" text */
	PANE_MAP,       /* the sweep heat map */
	PANE_INCENTIVES, /* the incentive table t_j - c_i m_j */
	PANE_SCREENING, /* the screening diagram in the (m, value) plane */
	PANE_COUNT
};

struct rect {
	int x, y, w, h; /* top-left corner and size, in cells */
};

struct layout {
	enum layout_mode mode;
	int width, height;
	struct rect header;   /* one line */
	struct rect message;  /* one line: messages and prompts */
	struct rect footer;   /* one line: the key bar */
	struct rect tabs;     /* COMPACT only: the tab bar (h = 0 otherwise) */
	struct rect lesson;   /* the lesson's strip (h = 0 without one) */
	bool visible[PANE_COUNT];
	struct rect pane[PANE_COUNT]; /* valid where visible */
};

struct layout_request {
	int width, height;
	int ntypes;            /* rows the types and contract tables need */
	enum pane_kind view;   /* the view slot's pane (a layout_is_view kind) */
	bool view_chosen;      /* the user picked it (MEDIUM shows the
				  contract in a lone slot otherwise) */
	enum pane_kind compact_pane; /* the pane shown in COMPACT mode */
	int lesson_rows;       /* the lesson strip's rows, 0 for none; fewer
				  are given where the panes would not fit */
};

/* The mode for a terminal size (FULL needs room for everything). */
enum layout_mode layout_mode_for(int width, int height, int ntypes);

/* Computes every rectangle.  Visible panes never overlap. */
void layout_compute(const struct layout_request *req, struct layout *out);

/*
 * Zooms a computed layout on one pane: it alone is visible and takes
 * every cell between the header and the message line (no tab bar).  A
 * TOO_SMALL layout is left as it is.
 */
void layout_zoom(struct layout *l, enum pane_kind kind);

/*
 * How many letters of each tab's name fit so that the compact tab bar
 * shows every pane in width columns: each tab is a space and its
 * layout_tab_name() (cut to the result) or, for the current one, a space
 * and its whole name between brackets.  0 if not even one letter each
 * fits.
 */
int layout_tab_letters(int width, enum pane_kind current);

/* A pane's tab name; the first letters tell the panes apart. */
const char *layout_tab_name(enum pane_kind kind);


/* True for the kinds that share the view slot. */
bool layout_is_view(enum pane_kind kind);

#endif
