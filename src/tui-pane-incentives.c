/*
 * tui-pane-incentives.c - the incentive table (view i).
 *
 * Row i, column j: t_j - c_i m_j, what type i gets by taking option j.
 * Its own option is on the diagonal (highlighted, marked '*'); a binding
 * IC, where type i is indifferent to another group's option, is marked
 * '='; the best other option of a row, where nothing binds, '>'.  The
 * marks read without colour.  At the right the IR column u_i - f_i ('='
 * where it binds), at the bottom the binding constraints in words.  The
 * rows scroll (Up/Down) and, when the columns do not all fit, Left/Right
 * move a window of them; the IR column always stays.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "incentives.h"
#include "numfmt.h"
#include "tui-actions.h"
#include "tui-draw.h"
#include "tui-lesson.h"
#include "tui.h"

/* " 64" and a space before the first column. */
#define LABEL_WIDTH 4
/* A number's columns: as many as fit, within these. */
#define NUMBER_MAX 10
#define NUMBER_MIN 7
/* A cell: a space, the number, its mark. */
#define CELL(w) ((w) + 2)

/* The geometry of the table in a pane inner columns wide. */
struct table_shape {
	int number;  /* columns of a number */
	int shown;   /* option columns shown (the window) */
};

static struct table_shape table_shape(int inner, int types)
{
	struct table_shape s;

	/* Every option and the IR column, numbers as wide as fit. */
	s.number = (inner - LABEL_WIDTH) / (types + 1) - 2;
	if (s.number > NUMBER_MAX)
		s.number = NUMBER_MAX;
	if (s.number >= NUMBER_MIN) {
		s.shown = types;
		return s;
	}
	/* Otherwise a window of the narrowest cells. */
	s.number = NUMBER_MIN;
	s.shown = (inner - LABEL_WIDTH) / CELL(NUMBER_MIN) - 1;
	if (s.shown < 1)
		s.shown = 0;
	if (s.shown > types)
		s.shown = types;
	return s;
}

/* One cell: the number right-aligned and its mark after it. */
static void draw_cell(int y, int x, int number, double value, char mark,
		      enum tui_role role)
{
	char num[32], text[2] = { mark, '\0' };

	draw_text_right(y, x + 1, number, role,
			numfmt_fixed_within(num, sizeof(num), value, 4, number));
	if (mark != ' ')
		draw_text(y, x + 1 + number, 1, role, text);
}

/* Keeps the column window inside the table. */
static int clamp_column(struct app *app, int types, int shown)
{
	if (app->incentives_column > types - shown)
		app->incentives_column = types - shown;
	if (app->incentives_column < 0)
		app->incentives_column = 0;
	return app->incentives_column;
}

static void incentives_draw(struct app *app, struct rect r, bool focused)
{
	const struct contract *c = &app->contract;
	int inner = r.w - 2, x0 = r.x + 1, y = r.y + 1;
	char line[512];

	draw_box(app, r, app->stale ? "Incentives t_j - c_i m_j (stale)" :
				      "Incentives t_j - c_i m_j: row i takes option j",
		 focused);
	if (!app->have_contract || r.h < 4)
		return;
	struct incentives *inc = malloc(sizeof(*inc));
	if (inc == NULL)
		return;
	incentives_compute(&app->model, c, inc);
	int types = c->ntypes;
	struct table_shape s = table_shape(inner, types);
	if (s.shown == 0) {
		free(inc);
		return;
	}
	int first_col = clamp_column(app, types, s.shown);
	int ir_x = x0 + LABEL_WIDTH + s.shown * CELL(s.number);

	/* Rows below the heading: the types, then the binding line and the
	   legend when there is room (the binding line first). */
	int avail = r.h - 3;
	int foot = avail - types;
	if (foot > 2)
		foot = 2;
	if (foot < 1)
		foot = avail >= 4 ? 1 : 0;
	int fits = avail - foot;

	draw_text(y, x0, LABEL_WIDTH, ROLE_LABEL, "  #");
	for (int k = 0; k < s.shown; k++) {
		snprintf(line, sizeof(line), "%d", first_col + k + 1);
		draw_text_right(y, x0 + LABEL_WIDTH + k * CELL(s.number) + 1,
				s.number, ROLE_LABEL, line);
	}
	draw_text_right(y, ir_x + 1, s.number, ROLE_LABEL,
			s.number >= 9 ? "u_i - f_i" : "IR u-f");
	/* Options hidden left or right of the window. */
	if (first_col > 0)
		draw_text(y, x0, 1, ROLE_WARN, app->utf8 ? "\u2190" : "<");
	if (first_col + s.shown < types)
		draw_text(y, ir_x, 1, ROLE_WARN, app->utf8 ? "\u2192" : ">");
	int picked = -1, option = -1;
	if (!tui_lesson_highlight(app, &picked, &option))
		picked = option = -1;
	int first = draw_scroll(app, PANE_INCENTIVES, r, types, fits);
	for (int i = first; i < types && i - first < fits; i++) {
		int row = y + 1 + i - first;
		/* The row a lesson points at: an arrow, seen without colour. */
		snprintf(line, sizeof(line), i == picked ? ">%2d" : "%3d", i + 1);
		draw_text(row, x0, LABEL_WIDTH, i == picked ? ROLE_CURSOR :
							     ROLE_LABEL, line);
		for (int k = 0; k < s.shown; k++) {
			int j = first_col + k;
			char mark = j == i ? '*' : inc->ic_binds[i][j] ? '=' :
				    j == inc->best_deviation[i] ? '>' : ' ';
			enum tui_role role = j == i ? ROLE_CURSOR :
					     mark == '=' ? ROLE_WARN :
					     mark == '>' ? ROLE_MARK : ROLE_NORMAL;
			/* The cell a lesson talks about. */
			if (i == picked && j == option)
				role = ROLE_EDIT;
			draw_cell(row, x0 + LABEL_WIDTH + k * CELL(s.number),
				  s.number, inc->payoff[i][j], mark, role);
		}
		draw_cell(row, ir_x, s.number, inc->ir_slack[i],
			  inc->ir_binds[i] ? '=' : ' ',
			  inc->ir_binds[i] ? ROLE_WARN : ROLE_NORMAL);
	}
	int bottom = y + 1 + fits;
	if (foot >= 1) {
		incentives_format_binding(inc, !app->utf8, inner - 2, line,
					  sizeof(line));
		draw_text(bottom, x0 + 1, inner - 1, ROLE_TITLE, line);
	}
	if (foot >= 2) {
		int w = draw_text(bottom + 1, x0 + 1, inner - 1, ROLE_DIM,
				  "* own  = IC binds  > best other option");
		if (s.shown < types)
			draw_textf(bottom + 1, x0 + 3 + w, inner - 3 - w, ROLE_WARN,
				   "options %d to %d of %d (%s)", first_col + 1,
				   first_col + s.shown, types,
				   app->utf8 ? "\u2190/\u2192" : "Left/Right");
	}
	free(inc);
}

/* Left and Right move the window of option columns. */
static int incentives_key(struct app *app, int key)
{
	switch (tui_action_for_key(key)) {
	case ACT_LEFT:
		app->incentives_column--;
		return TUI_REDRAW;
	case ACT_RIGHT:
		app->incentives_column++; /* clamped when drawn */
		return TUI_REDRAW;
	default:
		return -1;
	}
}

const struct tui_pane_ops tui_pane_incentives = {
	.kind = PANE_INCENTIVES,
	.scrolls = true,
	.draw = incentives_draw,
	.key = incentives_key,
};
