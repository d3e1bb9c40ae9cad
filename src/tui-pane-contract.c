/*
 * tui-pane-contract.c - reservation levels and the contract menu.
 *
 * One row per type: what it does alone (m~_i, f_i, trains alone) and
 * what the contract asks and gives (m_i, t_i, u_i, rent) with the change
 * against the reservation level (the stand-alone columns are dimmer).
 * Columns are dropped, least important first, when the pane is narrow.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <math.h>
#include <stdio.h>

#include "numfmt.h"
#include "tui-draw.h"
#include "tui-lesson.h"
#include "tui.h"

enum column_id { COL_RES_M, COL_RES_F, COL_ALONE, COL_M, COL_T, COL_U,
		 COL_RENT, COL_CHANGE, COL_REWARD, COL_TBAR, COL_COUNT };

struct column {
	const char *title;
	int width;
	bool reservation; /* under the "alone" heading */
};

static const struct column table[COL_COUNT] = {
	[COL_RES_M] = { "m~_i", 9, true },
	[COL_RES_F] = { "f_i", 8, true },
	[COL_ALONE] = { "alone", 5, true },
	[COL_M] = { "m_i", 9, false },
	[COL_T] = { "t_i", 8, false },
	[COL_U] = { "u_i", 8, false },
	[COL_RENT] = { "rent", 8, false },
	[COL_CHANGE] = { "m_i - m~_i", 12, false },
	[COL_REWARD] = { "E[r_i]", 8, false },
	[COL_TBAR] = { "tbar_i", 8, false },
};

/* The columns that fit in width, in a sensible order of importance. */
static int fit_columns(int width, bool *shown)
{
	static const enum column_id priority[COL_COUNT] = {
		COL_M, COL_T, COL_RES_M, COL_CHANGE, COL_U, COL_RENT,
		COL_RES_F, COL_ALONE, COL_REWARD, COL_TBAR,
	};
	int used = 3; /* "  #" */

	for (int c = 0; c < COL_COUNT; c++)
		shown[c] = false;
	for (int k = 0; k < COL_COUNT; k++) {
		int w = table[priority[k]].width + 1;
		if (used + w <= width) {
			shown[priority[k]] = true;
			used += w;
		}
	}
	return used;
}

static void cell(const struct app *app, int c, int i, char *buf, size_t size,
		 enum tui_role *role)
{
	const struct type_result *tr = &app->contract.type[i];
	int w = table[c].width;

	*role = app->stale ? ROLE_DIM : ROLE_NORMAL;
	switch (c) {
	case COL_RES_M:
		numfmt_fixed_within(buf, size, tr->reservation_contribution, 2, w);
		break;
	case COL_RES_F:
		numfmt_fixed_within(buf, size, tr->reservation_profit, 3, w);
		break;
	case COL_ALONE:
		snprintf(buf, size, "%s", tr->trains_alone ? "yes" : "no");
		break;
	case COL_M:
		numfmt_fixed_within(buf, size, tr->contribution, 2, w);
		break;
	case COL_T:
		numfmt_fixed_within(buf, size, tr->reward_value, 3, w);
		break;
	case COL_U:
		numfmt_fixed_within(buf, size, tr->utility, 3, w);
		break;
	case COL_RENT:
		numfmt_fixed_within(buf, size, tr->rent, 3, w);
		break;
	case COL_REWARD:
		numfmt_fixed_within(buf, size, tr->reward_accuracy, 4, w);
		break;
	case COL_TBAR:
		numfmt_fixed_within(buf, size, tr->tbar, 3, w);
		break;
	case COL_CHANGE: {
		char num[32];
		/* Room for the sign, a space and the arrow. */
		numfmt_fixed_within(num, sizeof(num), tr->extra, 2, w - 3);
		bool up = tr->extra > 5e-3 && app->contract.status != POOLING_NONE;
		bool down = tr->extra < -5e-3;
		snprintf(buf, size, "%s%s %s", up ? "+" : "", num,
			 up ? draw_glyph(app, GLYPH_UP) :
			 down ? draw_glyph(app, GLYPH_DOWN) : " ");
		if (!app->stale)
			*role = up ? ROLE_GOOD : down ? ROLE_BAD : ROLE_NORMAL;
		break;
	}
	default:
		buf[0] = '\0';
	}
}

static void contract_draw(struct app *app, struct rect r, bool focused)
{
	bool shown[COL_COUNT];
	int inner = r.w - 2, x0 = r.x + 1, y = r.y + 1;
	char title[96], buf[64];

	snprintf(title, sizeof(title), "Reservation and contract%s",
		 app->stale ? " (stale)" : "");
	draw_box(app, r, title, focused);
	if (!app->have_contract) {
		draw_text(y, x0 + 1, inner - 1, ROLE_WARN, "no solution yet");
		return;
	}
	fit_columns(inner, shown);
	/* Headings: the columns of what a type does alone come first. */
	int x = x0;
	draw_text(y, x, 3, ROLE_LABEL, "  #");
	x += 3;
	for (int c = 0; c < COL_COUNT; c++) {
		if (!shown[c])
			continue;
		draw_text_right(y, x, table[c].width + 1,
				table[c].reservation ? ROLE_DIM : ROLE_LABEL,
				table[c].title);
		x += table[c].width + 1;
	}
	int rows = r.h - 3; /* border and headings */
	if (app->contract.ntypes > rows && app->focus == PANE_TYPES &&
	    app->row >= types_global_rows(&app->scenario)) {
		/* Follow the type selected in the types pane. */
		int want = app->row - types_global_rows(&app->scenario) - rows + 1;
		app->scroll[PANE_CONTRACT] = want < 0 ? 0 : want;
	}
	/* Focused, it scrolls with the arrow keys; either way it marks the
	   rows it hides. */
	int first = draw_scroll(app, PANE_CONTRACT, r, app->contract.ntypes,
				rows);
	int picked = -1, option;
	if (!tui_lesson_highlight(app, &picked, &option))
		picked = -1;
	for (int i = first; i < app->contract.ntypes && i - first < rows; i++) {
		int line = y + 1 + i - first;
		enum tui_role role;
		/* The type a lesson points at: an arrow, seen without colour. */
		if (i == picked)
			draw_textf(line, x0, 3, ROLE_CURSOR, ">%2d", i + 1);
		else
			draw_textf(line, x0, 3, ROLE_LABEL, "%3d", i + 1);
		x = x0 + 3;
		for (int c = 0; c < COL_COUNT; c++) {
			if (!shown[c])
				continue;
			cell(app, c, i, buf, sizeof(buf), &role);
			if (table[c].reservation && role == ROLE_NORMAL)
				role = ROLE_DIM;
			draw_text_right(line, x, table[c].width + 1, role, buf);
			x += table[c].width + 1;
		}
	}
}

const struct tui_pane_ops tui_pane_contract = {
	.kind = PANE_CONTRACT,
	.scrolls = true,
	.draw = contract_draw,
};
