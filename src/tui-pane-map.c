/*
 * tui-pane-map.c - the map: a heat map over two swept parameters.
 *
 * The grid is a sweep (sweep.h) of the scenario being edited, by default
 * over the scenario's own sweep axes, or Figure 2's (p.1 and N) for two
 * types.  It is solved a slice at a time between keys (tui_map_work), so
 * it fills in progressively and the explorer never blocks.  Each cell
 * shows one quantity - the pooling region, the expected model value, the
 * information cost, or a type's contribution, reward or rent - as a
 * character (meaningful in monochrome) on a colour scale.  A cursor moves
 * over the cells and shows the exact values; Enter loads that grid point
 * into the editor.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "sweep-quantity.h"
#include "sweep.h"
#include "tui-actions.h"
#include "tui-draw.h"
#include "tui-lineedit.h"
#include "tui.h"
#include "view-scale.h"

/* Outcomes per grid point above which the default grid gets coarser. */
#define DEFAULT_OUTCOME_BUDGET 5000
#define Y_LABEL_WIDTH 7

enum map_kind { MAP_GROUPS, MAP_STATUS, MAP_VALUE, MAP_INFO_COST, MAP_M,
		MAP_T, MAP_RENT };

/*
 * The groups quantity: each distinct partition of the types a symbol, in
 * the order the grid (row by row) first meets it.
 */
#define GROUP_SYMBOLS 24
static const char group_symbols[GROUP_SYMBOLS + 1] = "ABCDEFGHJKLMNPQRSTUVWXYZ";

struct group_table {
	int n;
	uint64_t partition[GROUP_SYMBOLS]; /* bit k: type k joins k - 1 */
	const struct contract *example[GROUP_SYMBOLS];
};

struct quantity {
	enum map_kind kind;
	int type;      /* for MAP_M, MAP_T, MAP_RENT */
};

/*
 * The quantities in the order 'v' cycles through them; with more than two
 * types the partition comes first (pooled or not says little there:
 * scenario 3 is partial pooling everywhere over p.1 and N, in four
 * different partitions).
 */
static int quantities(int ntypes, struct quantity *out)
{
	int n = 0;

	if (ntypes > 2)
		out[n++] = (struct quantity){ MAP_GROUPS, -1 };
	out[n++] = (struct quantity){ MAP_STATUS, -1 };
	out[n++] = (struct quantity){ MAP_VALUE, -1 };
	out[n++] = (struct quantity){ MAP_INFO_COST, -1 };
	for (enum map_kind k = MAP_M; k <= MAP_RENT; k++)
		for (int i = 0; i < ntypes; i++)
			out[n++] = (struct quantity){ k, i };
	return n;
}

/* The status quantity's extra state beside enum pooling_status. */
#define MAP_NEARLY_POOLED 4

/* A contract's partition: bit k set when type k joins type k - 1. */
static uint64_t partition_of(const struct contract *c)
{
	uint64_t bits = 0;

	for (int k = 1; k < c->ntypes; k++)
		if (c->type[k].group == c->type[k - 1].group)
			bits |= (uint64_t)1 << k;
	return bits;
}

/* The symbol index of a partition, -1 if beyond the table. */
static int group_symbol(const struct group_table *t, uint64_t partition)
{
	for (int k = 0; k < t->n; k++)
		if (t->partition[k] == partition)
			return k;
	return -1;
}

/* Every distinct partition of the solved points, row by row. */
static void group_table_build(const struct sweep *s, struct group_table *t)
{
	t->n = 0;
	for (int iy = 0; iy < sweep_rows(s); iy++)
		for (int ix = 0; ix < sweep_columns(s); ix++) {
			const struct sweep_point *pt = sweep_at(s, ix, iy);
			if (!pt->done || !pt->valid || pt->contract.result < 0 ||
			    pt->contract.status == POOLING_NONE)
				continue;
			uint64_t bits = partition_of(&pt->contract);
			if (group_symbol(t, bits) >= 0 || t->n == GROUP_SYMBOLS)
				continue;
			t->partition[t->n] = bits;
			t->example[t->n] = &pt->contract;
			t->n++;
		}
}

static struct quantity current_quantity(const struct app *app)
{
	struct quantity list[4 + 3 * CML_MAX_TYPES];
	int n = quantities(app->scenario.ntypes, list);
	int q = app->map.quantity % n;

	return list[q < 0 ? q + n : q];
}

static void quantity_name(struct quantity q, char *buf, size_t size)
{
	switch (q.kind) {
	case MAP_GROUPS:
		snprintf(buf, size, "pooling groups");
		break;
	case MAP_STATUS:
		snprintf(buf, size, "pooling or separating");
		break;
	case MAP_VALUE:
		snprintf(buf, size, "E[v(a(S))]");
		break;
	case MAP_INFO_COST:
		snprintf(buf, size, "information cost");
		break;
	case MAP_M:
		snprintf(buf, size, "m_%d (contribution)", q.type + 1);
		break;
	case MAP_T:
		snprintf(buf, size, "t_%d (reward)", q.type + 1);
		break;
	case MAP_RENT:
		snprintf(buf, size, "rent of type %d", q.type + 1);
		break;
	}
}

/*
 * The sweep quantity behind a map quantity, the one "plot sweep" draws
 * too; false for the map's own, the groups (status maps to pooling).
 */
static bool sweep_quantity_of(struct quantity q, struct sweep_quantity *sq)
{
	switch (q.kind) {
	case MAP_GROUPS:
		return false;
	case MAP_STATUS:
		*sq = (struct sweep_quantity){ SQ_POOLING, -1 };
		return true;
	case MAP_VALUE:
		*sq = (struct sweep_quantity){ SQ_VALUE, -1 };
		return true;
	case MAP_INFO_COST:
		*sq = (struct sweep_quantity){ SQ_INFO_COST, -1 };
		return true;
	case MAP_M:
		*sq = (struct sweep_quantity){ SQ_M, q.type };
		return true;
	case MAP_T:
		*sq = (struct sweep_quantity){ SQ_T, q.type };
		return true;
	case MAP_RENT:
		*sq = (struct sweep_quantity){ SQ_RENT, q.type };
		return true;
	}
	return false;
}

bool tui_map_sweep_quantity(const struct app *app, struct sweep_quantity *out)
{
	return sweep_quantity_of(current_quantity(app), out);
}

/*
 * The quantity's value at a solved point (NAN if it has none).  The
 * numbers are sweep_quantity_value()'s, which "plot sweep" draws too;
 * the map's own are the groups and its status states.
 */
static double point_value(const struct sweep_point *pt, struct quantity q)
{
	const struct contract *c = &pt->contract;
	struct sweep_quantity sq;

	if (!pt->done || !pt->valid || c->result < 0)
		return NAN;
	if (q.kind == MAP_GROUPS) /* looked up in the group table (cell_look) */
		return 0.0;
	if (q.kind == MAP_STATUS)
		/* Separated but nearly pooled gets a state of its own. */
		return c->status == POOLING_SEPARATING && c->nearly_pooled ?
			       MAP_NEARLY_POOLED : c->status;
	(void)sweep_quantity_of(q, &sq);
	return sweep_quantity_value(pt, &sq);
}

/* The default axes: the scenario's own, else Figure 2's or a small grid. */
static void default_axes(const struct scenario *sc, char *x, char *y,
			 size_t size)
{
	if (sc->sweep_x[0] != '\0' && sc->sweep_y[0] != '\0') {
		snprintf(x, size, "%s", sc->sweep_x);
		snprintf(y, size, "%s", sc->sweep_y);
		return;
	}
	if (sc->ntypes == 1) {
		snprintf(x, size, "N=1:40:40");
		snprintf(y, size, "a_opt=0.5:1:11");
		return;
	}
	if (sc->ntypes == 2) {
		snprintf(x, size, "p.1=0.01:0.99:30");
		snprintf(y, size, "N=2:100:50");
		return;
	}
	/* As many N as keep each solve quick. */
	int top = 2;
	while (top < 30 && scenario_outcome_count(top + 1, sc->ntypes) <=
				   DEFAULT_OUTCOME_BUDGET)
		top++;
	snprintf(x, size, "p.1=0.05:0.95:19");
	snprintf(y, size, "N=2:%d:%d", top, top - 1 < 15 ? top - 1 : 15);
}

/*
 * Makes sure the map has a sweep for the current scenario, rebuilding it
 * (from the chosen or default axes) when the scenario has changed.
 */
static bool ensure_sweep(struct app *app, char *why, size_t size)
{
	struct map_state *m = &app->map;
	struct sweep_axis x, y;
	struct cml_error err;
	char xt[64], yt[64];

	if (m->sweep != NULL && scenario_equal(&m->base, &app->scenario))
		return true;
	if (m->sweep != NULL) {
		sweep_free(m->sweep);
		m->sweep = NULL;
	}
	default_axes(&app->scenario, xt, yt, sizeof(xt));
	if (m->x_text[0] != '\0')
		snprintf(xt, sizeof(xt), "%s", m->x_text);
	if (m->y_text[0] != '\0')
		snprintf(yt, sizeof(yt), "%s", m->y_text);
	if (sweep_axis_parse(xt, &app->scenario, &x, &err) != 0 ||
	    sweep_axis_parse(yt, &app->scenario, &y, &err) != 0) {
		/* Chosen axes that no longer fit give way to the defaults. */
		m->x_text[0] = m->y_text[0] = '\0';
		default_axes(&app->scenario, xt, yt, sizeof(xt));
		if (sweep_axis_parse(xt, &app->scenario, &x, &err) != 0 ||
		    sweep_axis_parse(yt, &app->scenario, &y, &err) != 0) {
			snprintf(why, size, "%.200s", err.msg);
			return false;
		}
	}
	m->sweep = sweep_create(&app->scenario, &x, &y, true, &err);
	if (m->sweep == NULL) {
		snprintf(why, size, "%.200s", err.msg);
		return false;
	}
	m->base = app->scenario;
	if (m->cx >= sweep_columns(m->sweep))
		m->cx = sweep_columns(m->sweep) - 1;
	if (m->cy >= sweep_rows(m->sweep))
		m->cy = sweep_rows(m->sweep) - 1;
	return true;
}

bool tui_map_work(struct app *app, double seconds)
{
	char why[256];

	if (!app->layout.visible[PANE_MAP] || !ensure_sweep(app, why, sizeof(why)))
		return false;
	if (sweep_finished(app->map.sweep))
		return false;
	sweep_step(app->map.sweep, seconds);
	return !sweep_finished(app->map.sweep);
}

bool tui_map_set_axis(struct app *app, bool y, const char *text)
{
	struct sweep_axis axis, other;
	struct cml_error err;
	char other_text[64], dx[64], dy[64];

	if (sweep_axis_parse(text, &app->scenario, &axis, &err) != 0) {
		tui_message(app, true, "%s axis: %s", y ? "y" : "x", err.msg);
		return false;
	}
	default_axes(&app->scenario, dx, dy, sizeof(dx));
	snprintf(other_text, sizeof(other_text), "%s",
		 y ? (app->map.x_text[0] ? app->map.x_text : dx) :
		     (app->map.y_text[0] ? app->map.y_text : dy));
	if (sweep_axis_parse(other_text, &app->scenario, &other, &err) == 0 &&
	    sweep_axis_conflict(&axis, &other)) {
		tui_message(app, true, "the axes must set different parameters");
		return false;
	}
	snprintf(y ? app->map.y_text : app->map.x_text, 64, "%s", text);
	snprintf(y ? app->map.x_text : app->map.y_text, 64, "%s", other_text);
	if (app->map.sweep != NULL) {
		sweep_free(app->map.sweep);
		app->map.sweep = NULL;
	}
	tui_message(app, false, "map %s axis: %s", y ? "y" : "x", text);
	return true;
}

void tui_map_free(struct app *app)
{
	if (app->map.sweep != NULL)
		sweep_free(app->map.sweep);
	app->map.sweep = NULL;
}

/* The range of the quantity over the solved points. */
static void value_range(const struct sweep *s, struct quantity q, double *lo,
			double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (int iy = 0; iy < sweep_rows(s); iy++)
		for (int ix = 0; ix < sweep_columns(s); ix++) {
			double v = point_value(sweep_at(s, ix, iy), q);
			if (!isnan(v)) {
				*lo = fmin(*lo, v);
				*hi = fmax(*hi, v);
			}
		}
}

/*
 * The colour of a level on the diverging scale: blue below 0, red above,
 * the terminal's own colours at 0 (the glyphs carry the sign without
 * colour).
 */
static enum tui_role diverging_role(int level)
{
	static const enum tui_role roles[2 * SCALE_LEVELS + 1] = {
		ROLE_HEAT0, ROLE_HEAT0, ROLE_HEAT1, ROLE_NORMAL,
		ROLE_HEAT3, ROLE_HEAT4, ROLE_HEAT4,
	};

	return roles[level + SCALE_LEVELS];
}

/* A cell: its character and colour role. */
/*
 * True if the quantity does not vary over the grid beyond rounding: such
 * a map says so rather than stretching noise over the whole ramp.
 */
static bool range_constant(double lo, double hi)
{
	return !(hi - lo > 1e-9 * fmax(fabs(lo), fabs(hi)));
}

static void cell_look(const struct sweep_point *pt, struct quantity q,
		      double lo, double hi, const struct group_table *groups,
		      char *ch, enum tui_role *role)
{
	static const char ramp[] = " .:-=+*#%@";
	double v = point_value(pt, q);

	*role = ROLE_NORMAL;
	if (!pt->done) {
		*ch = '.';
		*role = ROLE_DIM;
		return;
	}
	if (!pt->valid || isnan(v)) {
		*ch = 'x';
		*role = ROLE_BAD;
		return;
	}
	if (q.kind == MAP_GROUPS) {
		if (pt->contract.status == POOLING_NONE) {
			*ch = '-';
			return;
		}
		int k = group_symbol(groups, partition_of(&pt->contract));
		*ch = k < 0 ? '?' : group_symbols[k];
		*role = k < 0 ? ROLE_DIM : ROLE_HEAT0 + k % 5;
		return;
	}
	if (q.kind == MAP_STATUS) {
		static const char marks[] = { 'S', 'P', 'p', '-', 'n' };
		static const enum tui_role roles[] = { ROLE_HEAT0, ROLE_HEAT4,
						       ROLE_HEAT2, ROLE_NORMAL,
						       ROLE_HEAT1 };
		*ch = marks[(int)v];
		*role = roles[(int)v];
		return;
	}
	if (q.kind == MAP_INFO_COST) {
		/* Signed: a diverging scale around 0, not lo to hi. */
		struct scale_diverging sc;
		scale_diverging_make(lo, hi, &sc);
		int level = scale_diverging_level(&sc, v);
		*ch = scale_diverging_glyph(level);
		*role = diverging_role(level);
		return;
	}
	if (range_constant(lo, hi)) {
		*ch = ':';
		*role = ROLE_DIM;
		return;
	}
	double share = (v - lo) / (hi - lo);
	int level = (int)floor(share * 9.999);
	*ch = ramp[level < 0 ? 0 : level > 9 ? 9 : level];
	*role = ROLE_HEAT0 + (level * 5) / 10;
}

/* An axis value as briefly as it reads: 100, 0.5169, 0.01. */
static char *short_number(char *buf, size_t size, double v, int digits)
{
	snprintf(buf, size, "%.*g", digits, v);
	return buf;
}

/* The grid column or row shown at screen index k of `shown`. */
static int grid_index(int k, int shown, int total)
{
	if (shown >= total || shown < 2)
		return k < total ? k : total - 1;
	return (int)lround((double)k * (total - 1) / (shown - 1));
}

/* The screen index showing grid index g (inverse of grid_index). */
static int screen_index(int g, int shown, int total)
{
	if (shown >= total || shown < 2)
		return g;
	return (int)lround((double)g * (shown - 1) / (total - 1));
}

/* Geometry of the map inside the pane. */
struct map_geometry {
	int x0, y0;      /* top-left cell of the grid */
	int cols, rows;  /* screen cells of the grid */
	int cw;          /* characters per grid column */
};

static struct map_geometry geometry(const struct sweep *s, struct rect r)
{
	struct map_geometry g;
	int avail_w = r.w - 2 - Y_LABEL_WIDTH - 1, avail_h = r.h - 2 - 5;

	g.x0 = r.x + 1 + Y_LABEL_WIDTH + 1;
	g.y0 = r.y + 1;
	/* Wider cells when there is room: up to four characters each. */
	g.cw = avail_w / sweep_columns(s);
	g.cw = g.cw < 1 ? 1 : g.cw > 4 ? 4 : g.cw;
	g.cols = sweep_columns(s) < avail_w / g.cw ? sweep_columns(s) :
						      avail_w / g.cw;
	g.rows = sweep_rows(s) < avail_h ? sweep_rows(s) : avail_h;
	return g;
}

/*
 * The partitions' symbols, as many whole entries as fit, then how many
 * more there are.
 */
static void draw_group_legend(const struct group_table *t, int y, int x, int w)
{
	int used = 0;

	if (t->n == 0) {
		draw_text(y, x, w, ROLE_DIM, "computing...");
		return;
	}
	for (int k = 0; k < t->n; k++) {
		char entry[CONTRACT_GROUPS_MAX + 8], groups[CONTRACT_GROUPS_MAX];
		char more[32];
		contract_format_groups(t->example[k], groups, sizeof(groups));
		snprintf(entry, sizeof(entry), "%c %s  ", group_symbols[k], groups);
		snprintf(more, sizeof(more), "+%d more", t->n - k);
		int rest = k + 1 < t->n ? draw_width(more) : 0;
		if (used + draw_width(entry) + rest > w) {
			draw_text(y, x + used, w - used, ROLE_DIM, more);
			return;
		}
		used += draw_text(y, x + used, w - used, ROLE_HEAT0 + k % 5, entry);
	}
}

static void draw_legend(struct quantity q, double lo, double hi,
			const struct group_table *groups, int y, int x, int w)
{
	char a[32], b[32];

	if (q.kind == MAP_GROUPS) {
		draw_group_legend(groups, y, x, w);
		return;
	}
	if (q.kind == MAP_STATUS) {
		int used = 0;
		static const char *const text[] = { "S separating",
						    "n nearly pooled",
						    "P pooling", "p partial",
						    "- none" };
		static const enum tui_role roles[] = { ROLE_HEAT0, ROLE_HEAT1,
						       ROLE_HEAT4, ROLE_HEAT2,
						       ROLE_NORMAL };
		for (int k = 0; k < 5; k++) {
			used += draw_text(y, x + used, w - used, roles[k], text[k]);
			used += draw_text(y, x + used, w - used, ROLE_NORMAL, "  ");
		}
		draw_text(y, x + used, w - used, ROLE_DIM, ". computing  x invalid");
		return;
	}
	if (isinf(lo)) {
		draw_text(y, x, w, ROLE_DIM, "computing...");
		return;
	}
	if (q.kind == MAP_INFO_COST) {
		/* -M, the glyphs of each level with 0 in the middle, +M. */
		struct scale_diverging sc;
		scale_diverging_make(lo, hi, &sc);
		scale_diverging_labels(&sc, 4, a, b, sizeof(a));
		int used = draw_textf(y, x, w, ROLE_NORMAL, "%s ", a);
		for (int k = -SCALE_LEVELS; k <= SCALE_LEVELS && used < w; k++) {
			char cell[2] = { scale_diverging_glyph(k), '\0' };
			used += draw_text(y, x + used, 1, diverging_role(k), cell);
		}
		used += draw_textf(y, x + used, w - used, ROLE_NORMAL, " %s", b);
		char lo_text[32], hi_text[32];
		draw_textf(y, x + used, w - used, ROLE_DIM,
			   "  <0 value lost, >0 contract beats ex-post "
			   "benchmark (here %s to %s)",
			   numfmt_sig(lo_text, sizeof(lo_text), lo, 4),
			   numfmt_sig(hi_text, sizeof(hi_text), hi, 4));
		return;
	}
	if (range_constant(lo, hi)) {
		draw_textf(y, x, w, ROLE_NORMAL, ": constant, %s at every point",
			   numfmt_sig(a, sizeof(a), lo, 6));
		return;
	}
	int used = draw_textf(y, x, w, ROLE_NORMAL, "%s ",
			      numfmt_sig(a, sizeof(a), lo, 4));
	static const char ramp[] = " .:-=+*#%@";
	for (int k = 0; k < 10 && used < w; k++) {
		char cell[2] = { ramp[k], '\0' };
		used += draw_text(y, x + used, 1, ROLE_HEAT0 + (k * 5) / 10, cell);
	}
	draw_textf(y, x + used, w - used, ROLE_NORMAL, " %s",
		   numfmt_sig(b, sizeof(b), hi, 4));
}

static void map_draw(struct app *app, struct rect r, bool focused)
{
	struct map_state *m = &app->map;
	char title[160], qname[64], why[256];
	struct quantity q = current_quantity(app);
	int inner = r.w - 2;

	quantity_name(q, qname, sizeof(qname));
	snprintf(title, sizeof(title), "Map: %s (v: next, X/Y: axes, Enter: "
		 "load)", qname);
	draw_box(app, r, title, focused);
	if (!ensure_sweep(app, why, sizeof(why))) {
		draw_text(r.y + 1, r.x + 2, inner - 2, ROLE_BAD, why);
		return;
	}
	const struct sweep *s = m->sweep;
	struct map_geometry g = geometry(s, r);
	if (g.cols < 2 || g.rows < 2) {
		draw_text(r.y + 1, r.x + 2, inner - 2, ROLE_WARN,
			  "too small for the map: enlarge the terminal");
		return;
	}
	double lo, hi;
	value_range(s, q, &lo, &hi);
	struct group_table table = { 0 };
	if (q.kind == MAP_GROUPS)
		group_table_build(s, &table);
	char xl[SWEEP_LABEL_MAX], yl[SWEEP_LABEL_MAX], num[32];
	sweep_axis_label(sweep_x(s), xl, sizeof(xl));
	sweep_axis_label(sweep_y(s), yl, sizeof(yl));
	/* Rows: the highest y on top, like a plot. */
	for (int row = 0; row < g.rows; row++) {
		int iy = grid_index(g.rows - 1 - row, g.rows, sweep_rows(s));
		int y = g.y0 + row;
		bool tick = row == 0 || row == g.rows - 1 || row % 5 == 0;
		if (tick)
			draw_text_right(y, r.x + 1, Y_LABEL_WIDTH - 1, ROLE_MARK,
					short_number(num, sizeof(num),
						     sweep_at(s, 0, iy)->y, 4));
		draw_text(y, g.x0 - 1, 1, ROLE_BORDER,
			  tick ? (app->utf8 ? "\u2524" : "+") :
				 (app->utf8 ? "\u2502" : "|"));
		for (int col = 0; col < g.cols; col++) {
			int ix = grid_index(col, g.cols, sweep_columns(s));
			char ch, cell[5] = { 0, 0, 0, 0, 0 };
			enum tui_role role;
			cell_look(sweep_at(s, ix, iy), q, lo, hi, &table, &ch,
				  &role);
			memset(cell, ch, (size_t)g.cw);
			if (col == screen_index(m->cx, g.cols, sweep_columns(s)) &&
			    g.rows - 1 - row == screen_index(m->cy, g.rows,
							     sweep_rows(s)))
				role = ROLE_CURSOR;
			draw_text(y, g.x0 + col * g.cw, g.cw, role, cell);
		}
	}
	/* The x axis: ticks at the ends and the middle. */
	int axis_y = g.y0 + g.rows;
	draw_text(axis_y, r.x + 1, Y_LABEL_WIDTH, ROLE_LABEL, yl);
	for (int col = 0; col < g.cols * g.cw; col++)
		draw_text(axis_y, g.x0 + col, 1, ROLE_BORDER,
			  app->utf8 ? "\u2500" : "-");
	int ticks[3] = { 0, g.cols / 2, g.cols - 1 };
	for (int k = 0; k < 3; k++) {
		int ix = grid_index(ticks[k], g.cols, sweep_columns(s));
		short_number(num, sizeof(num), sweep_at(s, ix, 0)->x, 4);
		int x = g.x0 + ticks[k] * g.cw;
		if (k == 2)
			x -= draw_width(num) - g.cw;
		else if (k == 1)
			x -= draw_width(num) / 2;
		draw_text(axis_y + 1, x, r.x + r.w - 1 - x, ROLE_MARK, num);
	}
	draw_text(axis_y + 1, g.x0 + g.cols * g.cw + 2,
		  r.x + r.w - 3 - g.x0 - g.cols * g.cw, ROLE_LABEL, xl);
	draw_legend(q, lo, hi, &table, axis_y + 2, r.x + 2, inner - 2);
	/* The point under the cursor, exactly. */
	const struct sweep_point *pt = sweep_at(s, m->cx, m->cy);
	char line[512 + CONTRACT_GROUPS_MAX], a[32], b[32], c[32];
	if (!pt->done) {
		snprintf(line, sizeof(line), "%s = %s, %s = %s: computing (%d of "
			 "%d done)", xl, short_number(a, sizeof(a), pt->x, 6), yl,
			 short_number(b, sizeof(b), pt->y, 6), sweep_done(s),
			 sweep_columns(s) * sweep_rows(s));
	} else if (!pt->valid) {
		snprintf(line, sizeof(line), "%s = %s, %s = %s: invalid (%s)", xl,
			 short_number(a, sizeof(a), pt->x, 6), yl,
			 short_number(b, sizeof(b), pt->y, 6), pt->reason);
	} else {
		char groups[CONTRACT_GROUPS_MAX];
		contract_format_groups(&pt->contract, groups, sizeof(groups));
		char extra[96] = "";
		if (q.kind != MAP_STATUS && q.kind != MAP_VALUE &&
		    q.kind != MAP_GROUPS &&
		    !isnan(point_value(pt, q)))
			snprintf(extra, sizeof(extra), ", %s %s%s", qname,
				 q.kind == MAP_INFO_COST &&
						 point_value(pt, q) > 0.0 ? "+" : "",
				 numfmt_sig(num, sizeof(num), point_value(pt, q), 6));
		short_number(a, sizeof(a), pt->x, 6);
		short_number(b, sizeof(b), pt->y, 6);
		numfmt_fixed(c, sizeof(c), pt->contract.expected_value, 4);
		const char *status = contract_status_name(pt->contract.status);
		/*
		 * Whole parts only: where the line is too long the groups go
		 * first, then the status, then E[v]; the point and the value
		 * of the quantity shown stay.
		 */
		snprintf(line, sizeof(line), "%s = %s, %s = %s: %s %s, E[v] %s%s",
			 xl, a, yl, b, status, groups, c, extra);
		if (draw_width(line) > inner - 2)
			snprintf(line, sizeof(line), "%s = %s, %s = %s: %s, E[v] %s%s",
				 xl, a, yl, b, status, c, extra);
		if (draw_width(line) > inner - 2)
			snprintf(line, sizeof(line), "%s = %s, %s = %s: E[v] %s%s", xl,
				 a, yl, b, c, extra);
		if (draw_width(line) > inner - 2)
			snprintf(line, sizeof(line), "%s = %s, %s = %s%s", xl, a, yl,
				 b, extra);
	}
	draw_text(axis_y + 3, r.x + 2, inner - 2, ROLE_TITLE, line);
}

static void map_cursor(const struct app *app, struct rect r, int *y, int *x)
{
	const struct map_state *m = &app->map;

	*y = r.y;
	*x = r.x + 2;
	if (m->sweep == NULL)
		return;
	struct map_geometry g = geometry(m->sweep, r);
	if (g.cols < 2 || g.rows < 2)
		return;
	int row = g.rows - 1 - screen_index(m->cy, g.rows, sweep_rows(m->sweep));
	int col = screen_index(m->cx, g.cols, sweep_columns(m->sweep));
	*y = g.y0 + row;
	*x = g.x0 + col * g.cw;
}

/*
 * Moves the cursor by one grid point, so that every point can be reached
 * and loaded however few screen cells the map has; a cell that shows
 * several points is marked while the cursor is on any of them.
 */
static void move_cursor(struct app *app, int dx, int dy)
{
	struct map_state *m = &app->map;
	int cols = sweep_columns(m->sweep), rows = sweep_rows(m->sweep);
	int cx = m->cx + dx, cy = m->cy + dy;

	m->cx = cx < 0 ? 0 : cx >= cols ? cols - 1 : cx;
	m->cy = cy < 0 ? 0 : cy >= rows ? rows - 1 : cy;
}

/* Enter: the grid point becomes the scenario in the editor. */
static int load_point(struct app *app)
{
	const struct sweep *s = app->map.sweep;
	const struct sweep_point *pt = sweep_at(s, app->map.cx, app->map.cy);
	struct scenario next = app->scenario;
	struct cml_error err;
	char xl[SWEEP_LABEL_MAX], yl[SWEEP_LABEL_MAX], a[32], b[32];

	if (sweep_apply(&next, sweep_x(s), pt->x, &err) != 0 ||
	    sweep_apply(&next, sweep_y(s), pt->y, &err) != 0) {
		tui_message(app, true, "cannot load this point: %s", err.msg);
		return TUI_REDRAW;
	}
	sweep_axis_label(sweep_x(s), xl, sizeof(xl));
	sweep_axis_label(sweep_y(s), yl, sizeof(yl));
	/* The grid does not depend on the swept parameters: keep it. */
	app->map.base = next;
	tui_message(app, false, "loaded %s = %s, %s = %s into the editor (u "
		    "undoes)", xl, short_number(a, sizeof(a), pt->x, 6), yl,
		    short_number(b, sizeof(b), pt->y, 6));
	return tui_commit(app, &next);
}

static int map_key(struct app *app, int key)
{
	struct quantity list[4 + 3 * CML_MAX_TYPES];
	int n = quantities(app->scenario.ntypes, list);

	if (app->map.sweep == NULL)
		return -1;
	switch (key) {
	case 'v':
		app->map.quantity = (app->map.quantity + 1) % n;
		return TUI_REDRAW;
	case 'V':
		app->map.quantity = (app->map.quantity + n - 1) % n;
		return TUI_REDRAW;
	case 'X':
	case 'Y': {
		char xt[64], yt[64];
		sweep_axis_format(key == 'X' ? sweep_x(app->map.sweep) :
					       sweep_y(app->map.sweep),
				  key == 'X' ? xt : yt, 64);
		line_edit_start(&app->prompt, key == 'X' ? xt : yt);
		app->prompt_purpose = key == 'X' ? PROMPT_MAP_X : PROMPT_MAP_Y;
		app->modal = MODAL_PROMPT;
		return TUI_REDRAW;
	}
	}
	switch (tui_action_for_key(key)) {
	case ACT_UP:
		move_cursor(app, 0, 1);
		return TUI_REDRAW;
	case ACT_DOWN:
		move_cursor(app, 0, -1);
		return TUI_REDRAW;
	case ACT_HOME:
		/* The top row on screen is the last of the grid. */
		app->map.cy = sweep_rows(app->map.sweep) - 1;
		return TUI_REDRAW;
	case ACT_END:
		app->map.cy = 0;
		return TUI_REDRAW;
	case ACT_LEFT:
		move_cursor(app, -1, 0);
		return TUI_REDRAW;
	case ACT_RIGHT:
		move_cursor(app, 1, 0);
		return TUI_REDRAW;
	case ACT_EDIT:
		return load_point(app);
	default:
		return -1;
	}
}

/* A click moves the cursor to the cell under it. */
static int map_click(struct app *app, struct rect r, int y, int x)
{
	if (app->map.sweep == NULL)
		return TUI_NOTHING;
	struct map_geometry g = geometry(app->map.sweep, r);
	int col = (x - g.x0) / g.cw, row = g.rows - 1 - (y - g.y0);

	if (x < g.x0 || col >= g.cols || row < 0 || row >= g.rows)
		return TUI_NOTHING;
	app->map.cx = grid_index(col, g.cols, sweep_columns(app->map.sweep));
	app->map.cy = grid_index(row, g.rows, sweep_rows(app->map.sweep));
	return TUI_REDRAW;
}

const struct tui_pane_ops tui_pane_map = {
	.kind = PANE_MAP,
	.draw = map_draw,
	.key = map_key,
	.click = map_click,
	.cursor = map_cursor,
};
