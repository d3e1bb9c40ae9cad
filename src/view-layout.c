/*
 * view-layout.c - the explorer's layout arithmetic.
 */
#include "view-layout.h"

#include <string.h>

/* Full layout: the left column's width and the terminal it needs. */
#define FULL_LEFT_WIDTH 40
#define FULL_MIN_WIDTH 140
/* Rows a pane needs at least to be worth drawing. */
#define STATUS_ROWS 12  /* border, status, value, eight checks (below this
			   height the checks scroll under the binding line) */
/* In the full layout, with room to spare: the binding line as well. */
#define STATUS_FULL_ROWS 13
#define VIEW_MIN_ROWS 8
#define BOTTOM_MIN_ROWS 6


int layout_tab_letters(int width, enum pane_kind current)
{
	for (int letters = 16; letters >= 1; letters--) {
		int used = 0;
		for (int k = 0; k < PANE_COUNT; k++) {
			int len = (int)strlen(layout_tab_name(k));
			if (k != (int)current && len > letters)
				len = letters;
			used += len + (k == (int)current ? 3 : 1);
		}
		if (used <= width)
			return letters;
	}
	return 0;
}

const char *layout_tab_name(enum pane_kind kind)
{
	/* Distinct in their first letters, so a cut tab stays readable. */
	static const char *const names[PANE_COUNT] = {
		[PANE_TYPES] = "Types",
		[PANE_CONTRACT] = "Contract",
		[PANE_STATUS] = "Status",
		[PANE_REWARDS] = "Rewards",
		[PANE_CONTRIB] = "Data",
		[PANE_WELFARE] = "Welfare",
		[PANE_NOTES] = "Notes",
		[PANE_MAP] = "Map",
		[PANE_INCENTIVES] = "Incentives",
		[PANE_SCREENING] = "Graph",
	};
	return kind < PANE_COUNT ? names[kind] : "";
}

bool layout_is_view(enum pane_kind kind)
{
	return kind == PANE_REWARDS || kind == PANE_CONTRIB ||
	       kind == PANE_WELFARE || kind == PANE_NOTES || kind == PANE_MAP ||
	       kind == PANE_INCENTIVES ||
	       kind == PANE_SCREENING;
}

/* Rows the types pane wants: border, four globals, header, one per type. */
static int types_rows(int ntypes)
{
	return 2 + 4 + 1 + ntypes;
}

/* Rows the contract pane wants: border, headings, one per type. */
static int contract_rows(int ntypes)
{
	return 2 + 1 + ntypes;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

enum layout_mode layout_mode_for(int width, int height, int ntypes)
{
	int top = max_int(types_rows(ntypes), contract_rows(ntypes));

	if (width >= FULL_MIN_WIDTH && height >= 3 + top + STATUS_ROWS)
		return LAYOUT_FULL;
	if (width >= 80 && height >= 24)
		return LAYOUT_MEDIUM;
	if (width >= LAYOUT_MIN_WIDTH && height >= LAYOUT_MIN_HEIGHT)
		return LAYOUT_COMPACT;
	return LAYOUT_TOO_SMALL;
}

static void place(struct layout *out, enum pane_kind kind, int x, int y,
		  int w, int h)
{
	out->visible[kind] = w > 0 && h > 0;
	out->pane[kind] = (struct rect){ x, y, w, h };
}

static void layout_full(const struct layout_request *req, struct layout *out)
{
	int w = req->width, body = req->height - 3;
	int top = max_int(types_rows(req->ntypes), contract_rows(req->ntypes));
	int right = w - FULL_LEFT_WIDTH;

	top = min_int(top, body - STATUS_ROWS);
	place(out, PANE_TYPES, 0, 1, FULL_LEFT_WIDTH, top);
	place(out, PANE_CONTRACT, FULL_LEFT_WIDTH, 1, right, top);
	int bottom = body - top;
	int status = min_int(STATUS_FULL_ROWS, bottom);
	place(out, PANE_STATUS, 0, 1 + top, FULL_LEFT_WIDTH, status);
	/* Notes under the status when there is room for a few lines. */
	if (bottom - status >= 5 && req->view != PANE_NOTES)
		place(out, PANE_NOTES, 0, 1 + top + status, FULL_LEFT_WIDTH,
		      bottom - status);
	place(out, req->view, FULL_LEFT_WIDTH, 1 + top, right, bottom);
}

static void layout_medium(const struct layout_request *req,
			  struct layout *out)
{
	int w = req->width, body = req->height - 3;
	int left = w / 2;
	int top = max_int(types_rows(req->ntypes), STATUS_ROWS);

	top = min_int(top, body - BOTTOM_MIN_ROWS);
	place(out, PANE_TYPES, 0, 1, left, top);
	place(out, PANE_STATUS, left, 1, w - left, top);
	int bottom = body - top, y = 1 + top;
	int contract = contract_rows(req->ntypes);
	if (bottom >= contract + VIEW_MIN_ROWS) {
		place(out, PANE_CONTRACT, 0, y, w, contract);
		place(out, req->view, 0, y + contract, w, bottom - contract);
	} else if (req->view_chosen) {
		place(out, req->view, 0, y, w, bottom);
	} else {
		place(out, PANE_CONTRACT, 0, y, w, bottom);
	}
}

static void layout_compact(const struct layout_request *req,
			   struct layout *out)
{
	out->tabs = (struct rect){ 0, 1, req->width, 1 };
	place(out, req->compact_pane, 0, 2, req->width, req->height - 4);
}

void layout_zoom(struct layout *l, enum pane_kind kind)
{
	if (l->mode == LAYOUT_TOO_SMALL || kind < 0 || kind >= PANE_COUNT)
		return;
	for (int k = 0; k < PANE_COUNT; k++)
		l->visible[k] = false;
	l->tabs = (struct rect){ 0, 0, 0, 0 };
	l->visible[kind] = true;
	int bottom = l->lesson.h > 0 ? l->lesson.y : l->message.y;
	l->pane[kind] = (struct rect){ 0, 1, l->width, bottom - 1 };
}

/* Rows of the lesson strip that leave the minimum for the panes. */
static int lesson_strip_rows(const struct layout_request *req)
{
	int room = req->height - LAYOUT_MIN_HEIGHT;
	int rows = req->lesson_rows < room ? req->lesson_rows : room;

	/* A border and one line at least, or none at all. */
	return rows >= 3 ? rows : 0;
}

void layout_compute(const struct layout_request *req, struct layout *out)
{
	struct layout_request inner = *req;
	int strip = req->lesson_rows > 0 ? lesson_strip_rows(req) : 0;

	/* The panes are laid out as on a terminal the strip shorter. */
	inner.height -= strip;
	memset(out, 0, sizeof(*out));
	out->width = req->width;
	out->height = req->height;
	out->mode = layout_mode_for(req->width, inner.height, req->ntypes);
	if (out->mode == LAYOUT_TOO_SMALL)
		return;
	out->header = (struct rect){ 0, 0, req->width, 1 };
	out->message = (struct rect){ 0, req->height - 2, req->width, 1 };
	out->footer = (struct rect){ 0, req->height - 1, req->width, 1 };
	if (strip > 0)
		out->lesson = (struct rect){ 0, inner.height - 2, req->width,
					     strip };
	switch (out->mode) {
	case LAYOUT_FULL:
		layout_full(&inner, out);
		break;
	case LAYOUT_MEDIUM:
		layout_medium(&inner, out);
		break;
	case LAYOUT_COMPACT:
		layout_compact(&inner, out);
		break;
	case LAYOUT_TOO_SMALL:
		break;
	}
}
