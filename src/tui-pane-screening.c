/*
 * tui-pane-screening.c - the screening diagram: the contract in the
 * (m, value) plane, as contract theory draws it.
 *
 * The geometry and its raster come from the engine (screening.h); this
 * pane only lays out the plot, the axes with their round ticks, a legend
 * and one line of exact values for the focused type, and colours each
 * cell by what the raster says it shows.  The marks read without colour
 * (filled and hollow points with type numbers, solid and dashed lines)
 * and in ASCII; colour and bold pick out the focused type.
 *
 * Keys while it has focus: the arrow keys (or 1-9, 0 for none) move the
 * focus from type to type, Z toggles between the whole picture and the
 * region around the options.  z still zooms the pane to the screen.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "screening.h"
#include "tui-actions.h"
#include "tui-draw.h"
#include "tui.h"

/* The smallest plot worth drawing, in cells. */
#define MIN_PLOT_COLS 16
#define MIN_PLOT_ROWS 4
/* Widest tick label on the value axis. */
#define MAX_Y_LABEL 8

/* Where everything goes inside the pane. */
struct plot_layout {
	int x0, y0;        /* top-left cell of the plot */
	int cols, rows;    /* the plot's cells */
	int y_label_w;     /* columns for the value ticks' labels */
	bool legend, info; /* lines below the axis */
};

/* The window the pane shows. */
static const struct screening_range *shown_range(const struct app *app,
						 const struct screening *s)
{
	return app->screening.around_options ? &s->options : &s->all;
}

/*
 * A tick label: the tick's value with the ticks' decimals in width
 * columns (fewer or an exponent if that is what fits), or "" where any
 * form that fits would name another value.
 */
static char *tick_label(char *buf, size_t size, double v,
			const struct scale_ticks *t, int width)
{
	numfmt_fixed_within(buf, size, v, t->decimals, width);
	if (buf[0] != '\0' && fabs(strtod(buf, NULL) - v) > 1e-6 * t->step)
		buf[0] = '\0';
	return buf;
}

/* The widest value-axis label among the range's ticks. */
static int y_label_width(const struct screening_range *rg, int rows)
{
	struct scale_ticks m, t;
	char num[32];
	int w = 1;

	screening_ticks(rg, 4, rows / 3 > 2 ? rows / 3 : 2, &m, &t);
	for (int k = 0; k < t.count; k++) {
		int len = (int)strlen(tick_label(num, sizeof(num), t.value[k],
						 &t, MAX_Y_LABEL));
		w = len > w ? len : w;
	}
	return w;
}

/*
 * Lays the plot out in r, dropping the legend and then the line of
 * values before the plot gets too small.  False if even the bare plot
 * does not fit.
 */
static bool plot_layout(const struct screening_range *rg, struct rect r,
			struct plot_layout *out)
{
	int inner_w = r.w - 2, inner_h = r.h - 2;

	out->legend = true;
	out->info = true;
	out->rows = inner_h - 2 - out->legend - out->info;
	if (out->rows < MIN_PLOT_ROWS + 2) {
		out->legend = false;
		out->rows = inner_h - 2 - out->info;
	}
	if (out->rows < MIN_PLOT_ROWS) {
		out->info = false;
		out->rows = inner_h - 2;
	}
	out->y_label_w = y_label_width(rg, out->rows > 1 ? out->rows : 1);
	/* Labels, the axis, the plot and a free column on the right. */
	out->cols = inner_w - out->y_label_w - 1 - 1;
	out->x0 = r.x + 1 + out->y_label_w + 1;
	out->y0 = r.y + 1;
	return out->rows >= MIN_PLOT_ROWS && out->cols >= MIN_PLOT_COLS;
}

/* The colour role of a raster cell. */
static enum tui_role cell_role(const struct screening_cell *c, int focus)
{
	bool mine = focus >= 0 && c->type == focus;
	bool dimmed = focus >= 0 && !mine;

	switch (c->mark) {
	case SCREENING_OPTION:
		return mine ? ROLE_FOCUS : ROLE_TITLE;
	case SCREENING_RESERVATION_POINT:
		return mine ? ROLE_FOCUS : ROLE_LABEL;
	case SCREENING_INDIFFERENCE_LINE:
		return mine ? ROLE_FOCUS : dimmed ? ROLE_DIM : ROLE_BAR;
	case SCREENING_RESERVATION_LINE:
		return mine ? ROLE_FOCUS : dimmed ? ROLE_DIM : ROLE_BAR_ALT;
	case SCREENING_CURVE:
		return ROLE_BORDER;
	case SCREENING_CEILING:
		return ROLE_CHANGED;
	case SCREENING_EMPTY:
		break;
	}
	return ROLE_NORMAL;
}

/* The value axis: a line left of the plot, ticks with their labels. */
static void draw_y_axis(const struct app *app, const struct plot_layout *pl,
			const struct screening_raster *ras)
{
	struct scale_ticks m, t;
	char num[32];
	int last_row = -2;

	for (int row = 0; row < pl->rows; row++)
		draw_text(pl->y0 + row, pl->x0 - 1, 1, ROLE_BORDER,
			  app->utf8 ? "\u2502" : "|");
	screening_ticks(&ras->range, 4, pl->rows / 3 > 2 ? pl->rows / 3 : 2, &m,
			&t);
	/* From the top: the highest value first. */
	for (int k = t.count - 1; k >= 0; k--) {
		int row = screening_raster_row(ras, t.value[k]);
		if (row < 0 || row >= pl->rows || row <= last_row + 1)
			continue;
		tick_label(num, sizeof(num), t.value[k], &t, pl->y_label_w);
		if (num[0] == '\0')
			continue;
		draw_text_right(pl->y0 + row, pl->x0 - 1 - pl->y_label_w,
				pl->y_label_w, ROLE_MARK, num);
		draw_text(pl->y0 + row, pl->x0 - 1, 1, ROLE_BORDER,
			  app->utf8 ? "\u2524" : "+");
		last_row = row;
	}
}

/* The data axis: a line under the plot, ticks and labels that never
   touch. */
static void draw_x_axis(const struct app *app, const struct plot_layout *pl,
			const struct screening_raster *ras, struct rect r)
{
	struct scale_ticks m, t;
	char num[32];
	int y = pl->y0 + pl->rows, free_from = pl->x0 - 1;
	int right = r.x + r.w - 1; /* the border */

	draw_text(y, pl->x0 - 1, 1, ROLE_BORDER, app->utf8 ? "\u2514" : "+");
	for (int col = 0; col < pl->cols; col++)
		draw_text(y, pl->x0 + col, 1, ROLE_BORDER,
			  app->utf8 ? "\u2500" : "-");
	screening_ticks(&ras->range, pl->cols / 10 > 2 ? pl->cols / 10 : 2, 4,
			&m, &t);
	for (int k = 0; k < m.count; k++) {
		int col = screening_raster_column(ras, m.value[k]);
		if (col < 0 || col >= pl->cols)
			continue;
		tick_label(num, sizeof(num), m.value[k], &m, 12);
		int len = (int)strlen(num), x = pl->x0 + col - len / 2;
		if (x + len > right)
			x = right - len;
		if (num[0] == '\0' || x <= free_from)
			continue;
		draw_text(y, pl->x0 + col, 1, ROLE_BORDER,
			  app->utf8 ? "\u252c" : "+");
		draw_text(y + 1, x, len, ROLE_MARK, num);
		free_from = x + len;
	}
	/* What the axes are, where the labels leave room. */
	const char *caption = "m (data)";
	int cw = (int)strlen(caption);
	if (free_from + 2 + cw <= right)
		draw_text(y + 1, right - cw, cw, ROLE_LABEL, caption);
	draw_text(y + 1, r.x + 1, pl->y_label_w, ROLE_LABEL,
		  pl->y_label_w >= 5 ? "value" : "t");
}

/* One legend entry: a sample in its role, then its words. */
static int legend_entry(int y, int x, int room, enum tui_role role,
			const char *sample, const char *words)
{
	int need = draw_width(sample) + 1 + draw_width(words) + 2;

	if (need > room)
		return 0;
	int used = draw_text(y, x, room, role, sample);
	used += draw_text(y, x + used, room - used, ROLE_NORMAL, " ");
	used += draw_text(y, x + used, room - used, ROLE_NORMAL, words);
	return used + 2;
}

/* The legend: as many entries as fit, the points and lines first. */
static void draw_legend(const struct app *app, int y, int x, int room,
			int ntypes)
{
	char ceiling[48];
	bool u = app->utf8;
	int used = 0;

	snprintf(ceiling, sizeof(ceiling), "tbar_%d", ntypes);
	used += legend_entry(y, x + used, room - used, ROLE_TITLE,
			     u ? "\u25cf" : "*", "option");
	used += legend_entry(y, x + used, room - used, ROLE_LABEL,
			     u ? "\u25cb" : "@", "alone");
	used += legend_entry(y, x + used, room - used, ROLE_BAR,
			     u ? "\u2812\u2812\u2812" : "-/",
			     "indifference u_i");
	used += legend_entry(y, x + used, room - used, ROLE_BAR_ALT,
			     u ? "\u2812\u2812 \u2812" : "- -", "reservation f_i");
	used += legend_entry(y, x + used, room - used, ROLE_CHANGED,
			     u ? "\u2802\u2802" : "==", ceiling);
	legend_entry(y, x + used, room - used, ROLE_BORDER,
		     u ? "\u2824\u2812" : "..", "v(a(m)) alone");
}

/*
 * The focused type's numbers, as exact as the contract pane shows them;
 * shorter forms where the line is narrow.  Without a focus: how to get
 * one.
 */
static void draw_info(const struct app *app, int y, int x, int room)
{
	const struct contract *c = &app->contract;
	int i = app->screening.focus;
	char line[4][400], a[32], b[32], d[32], e[32], f[32], g[32], h[32];

	if (i < 0 || i >= c->ntypes) {
		const char *hints[] = {
			app->screening.around_options ?
				"arrows or 1-9: a type's lines; Z: everything" :
				"arrows or 1-9: a type's lines; Z: around the "
				"options",
			"arrows or 1-9: a type; Z: zoom",
		};
		for (int k = 0; k < 2; k++)
			if (draw_width(hints[k]) <= room) {
				draw_text(y, x, room, ROLE_DIM, hints[k]);
				break;
			}
		return;
	}
	const struct type_result *r = &c->type[i];
	numfmt_fixed(a, sizeof(a), r->contribution, 3);
	numfmt_fixed(b, sizeof(b), r->reward_value, 4);
	numfmt_fixed(d, sizeof(d), r->utility, 4);
	numfmt_fixed(e, sizeof(e), r->reservation_contribution, 3);
	numfmt_fixed(f, sizeof(f), r->reservation_value, 4);
	snprintf(g, sizeof(g), "%s%s", r->extra > 0.0 ? "+" : "",
		 numfmt_fixed(h, sizeof(h), r->extra, 3));
	const char *alone = r->trains_alone ? "" : " (does not train alone)";
	snprintf(line[0], sizeof(line[0]), "type %d: option m %s, t %s, u %s; "
		 "alone m~ %s, v %s%s; m - m~ %s", i + 1, a, b, d, e, f, alone, g);
	snprintf(line[1], sizeof(line[1]), "type %d: m %s t %s u %s; m~ %s, "
		 "m - m~ %s", i + 1, a, b, d, e, g);
	snprintf(line[2], sizeof(line[2]), "type %d: m %s t %s; m - m~ %s",
		 i + 1, a, b, g);
	snprintf(line[3], sizeof(line[3]), "type %d: m %s t %s", i + 1, a, b);
	/* The first form that fits whole; none if not even the last. */
	for (int k = 0; k < 4; k++)
		if (draw_width(line[k]) <= room) {
			draw_text(y, x, room, ROLE_FOCUS, line[k]);
			return;
		}
}

/*
 * The title, as long as the pane allows; hidden says what the pane had
 * no room for (NULL: nothing).
 */
static void draw_title(const struct app *app, struct rect r, bool focused,
		       const char *hidden)
{
	const char *where = app->screening.around_options ?
				    "around the options" : "everything";
	const char *stale = app->stale ? " (stale)" : "";
	char title[4][192], note[64] = "";

	if (hidden != NULL)
		snprintf(note, sizeof(note), "; no %s: z zooms", hidden);
	snprintf(title[0], sizeof(title[0]), "Screening: value t against data "
		 "m, %s (Z: %s)%s%s", where, app->screening.around_options ?
						 "everything" : "zoom on options",
		 stale, note);
	snprintf(title[1], sizeof(title[1]), "Screening, %s%s%s", where, stale,
		 note);
	snprintf(title[2], sizeof(title[2]), "Screening%s%s", stale, note);
	snprintf(title[3], sizeof(title[3]), "Screening%s", stale);
	/* draw_box() puts a space either side and keeps two cells free. */
	for (int k = 0; k < 4; k++)
		if (draw_width(title[k]) + 6 <= r.w || k == 3) {
			draw_box(app, r, title[k], focused);
			return;
		}
}

static void screening_draw(struct app *app, struct rect r, bool focused)
{
	struct screening s;
	struct plot_layout pl;
	struct screening_raster ras;
	int inner = r.w - 2;

	if (!app->have_contract) {
		draw_title(app, r, focused, NULL);
		draw_text(r.y + 1, r.x + 2, inner - 2, ROLE_DIM, "no contract yet");
		return;
	}
	if (screening_build(&app->model, &app->contract, &s) != 0) {
		draw_title(app, r, focused, NULL);
		draw_text(r.y + 1, r.x + 2, inner - 2, ROLE_BAD,
			  "no diagram for this contract");
		return;
	}
	const struct screening_range *rg = shown_range(app, &s);
	bool fits = plot_layout(rg, r, &pl);
	draw_title(app, r, focused, !fits ? NULL : !pl.legend ? "legend" : NULL);
	if (!fits) {
		/* Said in as many words as fit, never a cut sentence. */
		char text[160];
		snprintf(text, sizeof(text), "too small for the diagram (it "
			 "needs %d columns and %d rows): z zooms the pane",
			 MIN_PLOT_COLS + 12, MIN_PLOT_ROWS + 4);
		if (r.h > 2)
			tui_wrap_text(text, r.y + 1, r.x + 1, inner, r.h - 2, 0,
				      ROLE_WARN);
		return;
	}
	int focus = app->screening.focus < s.ntypes ? app->screening.focus : -1;
	if (screening_raster_draw(&s, rg, pl.cols, pl.rows,
				  app->utf8 ? SCREENING_BRAILLE : SCREENING_ASCII,
				  focus, &ras) != 0) {
		draw_text(r.y + 1, r.x + 2, inner - 2, ROLE_BAD,
			  "cannot draw the diagram (out of memory)");
		return;
	}
	for (int row = 0; row < ras.rows; row++)
		for (int col = 0; col < ras.cols; col++) {
			const struct screening_cell *c =
				screening_raster_at(&ras, col, row);
			if (c->glyph[0] != '\0')
				draw_text(pl.y0 + row, pl.x0 + col, 1,
					  cell_role(c, focus), c->glyph);
		}
	draw_y_axis(app, &pl, &ras);
	draw_x_axis(app, &pl, &ras, r);
	int y = pl.y0 + pl.rows + 2;
	if (pl.legend)
		draw_legend(app, y++, r.x + 2, inner - 2, s.ntypes);
	if (pl.info)
		draw_info(app, y, r.x + 2, inner - 2);
	screening_raster_free(&ras);
}

/*
 * The types the diagram shows: the contract's, or while the first solve
 * runs the scenario's (a key pressed then is not lost).
 */
static int shown_types(const struct app *app)
{
	return app->have_contract ? app->contract.ntypes : app->scenario.ntypes;
}

/* The focus moves through "none", type 1, ..., type I and round. */
static void move_focus(struct app *app, int step)
{
	int n = shown_types(app) + 1;
	int at = app->screening.focus + 1;

	app->screening.focus = ((at + step) % n + n) % n - 1;
}

static int screening_key(struct app *app, int key)
{
	int ntypes = shown_types(app);

	if (app->screening.focus >= ntypes)
		app->screening.focus = -1;
	if (key == 'Z') {
		app->screening.around_options = !app->screening.around_options;
		tui_message(app, false, "screening diagram: %s",
			    app->screening.around_options ?
				    "around the options (Z: everything)" :
				    "everything (Z: around the options)");
		return TUI_REDRAW;
	}
	if (key >= '0' && key <= '9') {
		int i = key - '0';
		if (i > ntypes) {
			tui_message(app, true, "there is no type %d", i);
			return TUI_REDRAW;
		}
		app->screening.focus = i - 1;
		return TUI_REDRAW;
	}
	switch (tui_action_for_key(key)) {
	case ACT_RIGHT:
	case ACT_DOWN:
		move_focus(app, 1);
		return TUI_REDRAW;
	case ACT_LEFT:
	case ACT_UP:
		move_focus(app, -1);
		return TUI_REDRAW;
	case ACT_HOME:
		app->screening.focus = -1;
		return TUI_REDRAW;
	case ACT_END:
		app->screening.focus = ntypes - 1;
		return TUI_REDRAW;
	default:
		return -1;
	}
}

/* The terminal cursor sits on the focused type's option. */
static void screening_cursor(const struct app *app, struct rect r, int *y,
			     int *x)
{
	struct screening s;
	struct plot_layout pl;
	int i = app->screening.focus;

	*y = r.y;
	*x = r.x + 2;
	if (!app->have_contract || i < 0 || i >= app->contract.ntypes ||
	    screening_build(&app->model, &app->contract, &s) != 0)
		return;
	const struct screening_range *rg = shown_range(app, &s);
	if (!plot_layout(rg, r, &pl))
		return;
	/* The cell arithmetic of the raster, without drawing one. */
	struct screening_raster probe = { .cols = pl.cols, .rows = pl.rows,
					  .range = *rg };
	int col, row;
	const struct screening_option *o = &s.option[s.option_of[i]];
	if (screening_raster_cell_of(&probe, o->m, o->t, &col, &row)) {
		*y = pl.y0 + row;
		*x = pl.x0 + col;
	}
}

const struct tui_pane_ops tui_pane_screening = {
	.kind = PANE_SCREENING,
	.draw = screening_draw,
	.key = screening_key,
	.cursor = screening_cursor,
};
