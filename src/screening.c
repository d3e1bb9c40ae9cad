/*
 * screening.c - the screening diagram's geometry and its raster.
 *
 * The raster draws in "dots": each cell is 2 dots wide and 4 high (the
 * Braille grid), so lines keep their slope at the terminal's finest
 * resolution; ASCII cells are lit where any of their dots would be.
 * Every line and the curve are drawn a dot column at a time, filling
 * the dot rows between the values at the column's two edges, so steep
 * parts leave no gaps.
 */
#include "screening.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "model.h"

#define DOTS_X 2
#define DOTS_Y 4
/* A dashed line: dots on for DASH_ON of every DASH_PERIOD along it. */
#define DASH_PERIOD 6
#define DASH_ON 4
/* Margin around the points, as a share of what they span. */
#define MARGIN_ALL 0.08
#define MARGIN_OPTIONS 0.15

double screening_line_at(struct screening_line line, double m)
{
	return line.intercept + line.slope * m;
}

double screening_curve(const struct screening *s, double m)
{
	return valuation_eval(&s->valuation,
			      accuracy_eval(&s->accuracy, m > 0.0 ? m : 0.0,
					    NULL, NULL),
			      NULL, NULL);
}

/* "5", "4,5" or "1-4" for types first..first+count-1 (0-based). */
static void option_label(int first, int count, char *buf, size_t size)
{
	if (count == 1)
		snprintf(buf, size, "%d", first + 1);
	else if (count == 2)
		snprintf(buf, size, "%d,%d", first + 1, first + 2);
	else
		snprintf(buf, size, "%d-%d", first + 1, first + count);
}

/*
 * lo and hi widened by margin * their span on each side (a span within
 * rounding of 0 gets a window of its own size), then out to multiples
 * of a round step, never below floor.
 */
static void widen(double lo, double hi, double margin, double floor_at,
		  double *out_lo, double *out_hi)
{
	double span = hi - lo;
	double size = fmax(fabs(lo), fabs(hi));

	if (!(span > 1e-6 * fmax(size, 1e-9)))
		span = size > 0.0 ? 0.1 * size : 1.0;
	lo -= margin * span;
	hi += margin * span;
	double step = scale_nice_step(hi - lo, 10);
	*out_lo = fmax(floor(lo / step) * step, floor_at);
	*out_hi = ceil(hi / step) * step;
	if (!(*out_hi > *out_lo))
		*out_hi = *out_lo + step;
}

/* The two windows: everything from the origin, and around the options. */
static void make_ranges(struct screening *s)
{
	double m_hi = 0.0, t_hi = s->ceiling;
	double om_lo = INFINITY, om_hi = -INFINITY;
	double ot_lo = INFINITY, ot_hi = -INFINITY;

	for (int k = 0; k < s->noptions; k++) {
		const struct screening_option *o = &s->option[k];
		m_hi = fmax(m_hi, o->m);
		t_hi = fmax(t_hi, o->t);
		om_lo = fmin(om_lo, o->m);
		om_hi = fmax(om_hi, o->m);
		ot_lo = fmin(ot_lo, o->t);
		ot_hi = fmax(ot_hi, o->t);
	}
	for (int i = 0; i < s->ntypes; i++)
		if (s->has_reservation_point[i]) {
			m_hi = fmax(m_hi, s->reservation_m[i]);
			t_hi = fmax(t_hi, s->reservation_t[i]);
		}
	/* Nothing to place (no collaboration, nobody alone): the curve's
	   first rise and the largest model value. */
	if (!(m_hi > 0.0))
		m_hi = fmax(10.0 * s->accuracy.zero_below, 100.0);
	if (!(t_hi > 0.0))
		t_hi = valuation_eval(&s->valuation, 1.0, NULL, NULL);
	widen(0.0, m_hi, MARGIN_ALL, 0.0, &s->all.m_lo, &s->all.m_hi);
	s->all.m_lo = 0.0;
	widen(0.0, t_hi, MARGIN_ALL, 0.0, &s->all.t_lo, &s->all.t_hi);
	s->all.t_lo = 0.0;
	/* The ceiling is where the cheapest type's reward sits: keep it. */
	ot_lo = fmin(ot_lo, s->ceiling);
	ot_hi = fmax(ot_hi, s->ceiling);
	widen(om_lo, om_hi, MARGIN_OPTIONS, 0.0, &s->options.m_lo,
	      &s->options.m_hi);
	widen(ot_lo, ot_hi, MARGIN_OPTIONS, 0.0, &s->options.t_lo,
	      &s->options.t_hi);
}

int screening_build(const struct model *mdl, const struct contract *c,
		    struct screening *out)
{
	memset(out, 0, sizeof(*out));
	if (c->ntypes < 1 || c->ntypes > CML_MAX_TYPES ||
	    c->ntypes != mdl->ntypes || c->ngroups < 1)
		return -1;
	int n = c->ntypes;
	out->ntypes = n;
	out->accuracy = mdl->accuracy;
	out->valuation = mdl->valuation;
	for (int i = 0; i < n; i++) {
		const struct type_result *r = &c->type[i];
		out->cost[i] = mdl->cost[i];
		out->reservation[i] = (struct screening_line){
			mdl->reserve[i].profit, mdl->cost[i] };
		out->indifference[i] = (struct screening_line){
			r->utility, mdl->cost[i] };
		out->has_reservation_point[i] = mdl->reserve[i].trains_alone;
		out->reservation_m[i] = mdl->reserve[i].contribution;
		out->reservation_t[i] = mdl->reserve[i].value;
	}
	out->ceiling = c->type[n - 1].tbar;
	for (int g = 0; g < c->ngroups; g++) {
		int first = c->group_first[g], count = c->group_size[g];
		if (first < 0 || count < 1 || first + count > n)
			return -1;
		struct screening_option *o = &out->option[out->noptions];
		o->m = c->type[first].contribution;
		o->t = c->type[first].reward_value;
		o->first = first;
		o->count = count;
		option_label(first, count, o->label, sizeof(o->label));
		for (int i = first; i < first + count; i++)
			out->option_of[i] = out->noptions;
		out->noptions++;
	}
	make_ranges(out);
	return 0;
}

void screening_ticks(const struct screening_range *r, int m_wanted,
		     int t_wanted, struct scale_ticks *m_ticks,
		     struct scale_ticks *t_ticks)
{
	scale_ticks_make(r->m_lo, r->m_hi, m_wanted, m_ticks);
	scale_ticks_make(r->t_lo, r->t_hi, t_wanted, t_ticks);
}

/* ---- The raster ---- */

int screening_raster_column(const struct screening_raster *r, double m)
{
	double x = (m - r->range.m_lo) / (r->range.m_hi - r->range.m_lo) *
		   r->cols;
	if (m == r->range.m_hi)
		return r->cols - 1;
	return x < -1.0 ? -1 : x > r->cols ? r->cols : (int)floor(x);
}

int screening_raster_row(const struct screening_raster *r, double t)
{
	double y = (r->range.t_hi - t) / (r->range.t_hi - r->range.t_lo) *
		   r->rows;
	if (t == r->range.t_lo)
		return r->rows - 1;
	return y < -1.0 ? -1 : y > r->rows ? r->rows : (int)floor(y);
}

bool screening_raster_cell_of(const struct screening_raster *r, double m,
			      double t, int *col, int *row)
{
	if (!(m >= r->range.m_lo && m <= r->range.m_hi && t >= r->range.t_lo &&
	      t <= r->range.t_hi))
		return false;
	*col = screening_raster_column(r, m);
	*row = screening_raster_row(r, t);
	return *col >= 0 && *col < r->cols && *row >= 0 && *row < r->rows;
}

const struct screening_cell *screening_raster_at(
	const struct screening_raster *r, int col, int row)
{
	return &r->cell[(size_t)row * (size_t)r->cols + (size_t)col];
}

static struct screening_cell *cell_at(struct screening_raster *r, int col,
				      int row)
{
	return &r->cell[(size_t)row * (size_t)r->cols + (size_t)col];
}

/* What draws a run of dots. */
struct pen {
	enum screening_mark mark;
	int type;      /* for lines, -1 for the curve and the ceiling */
	bool dashed;   /* reservation lines */
	bool dotted;   /* the ceiling */
};

/* Braille's bit for the dot at (dx, dy) inside a cell (dx < 2, dy < 4). */
static uint8_t braille_bit(int dx, int dy)
{
	static const uint8_t bits[DOTS_Y][DOTS_X] = {
		{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
	};
	return bits[dy][dx];
}

/*
 * Sets dot (x, y) of the whole raster for pen: the cell records what
 * passes; the dot itself is lit unless it falls in a dash's gap.  x - y
 * grows along every line drawn here (they all rise to the right), so it
 * measures the way along for the dash pattern.
 */
static void plot_dot(struct screening_raster *r, int x, int y,
		     const struct pen *pen)
{
	struct screening_cell *c = cell_at(r, x / DOTS_X, y / DOTS_Y);
	int along = ((x - y) % DASH_PERIOD + DASH_PERIOD) % DASH_PERIOD;
	bool lit = !(pen->dashed && along >= DASH_ON) &&
		   !(pen->dotted && x % 2 != 0);
	uint64_t bit = pen->type >= 0 ? (uint64_t)1 << pen->type : 0;

	switch (pen->mark) {
	case SCREENING_CURVE:
		c->curve = true;
		break;
	case SCREENING_CEILING:
		c->ceiling = true;
		c->ceiling_drawn |= lit;
		break;
	case SCREENING_RESERVATION_LINE:
		c->reservation_lines |= bit;
		if (lit)
			c->reservation_drawn |= bit;
		break;
	case SCREENING_INDIFFERENCE_LINE:
		c->indifference_lines |= bit;
		break;
	default:
		break;
	}
	if (lit)
		c->dots |= braille_bit(x % DOTS_X, y % DOTS_Y);
}

/* The dot row (continuous) of value t: 0 at the top edge. */
static double dot_y(const struct screening_raster *r, double t)
{
	return (r->range.t_hi - t) / (r->range.t_hi - r->range.t_lo) *
	       (r->rows * DOTS_Y);
}

/*
 * One dot column x of a curve whose values at the column's edges are
 * t0 and t1: every dot row between them inside the raster.
 */
static void plot_column(struct screening_raster *r, int x, double t0,
			double t1, const struct pen *pen)
{
	int height = r->rows * DOTS_Y;
	double y_top = dot_y(r, fmax(t0, t1)), y_bottom = dot_y(r, fmin(t0, t1));

	if (!isfinite(y_top) || !isfinite(y_bottom) || y_bottom < 0.0 ||
	    y_top > height)
		return;
	int from = y_top < 0.0 ? 0 : (int)floor(y_top);
	int to = y_bottom >= height ? height - 1 : (int)floor(y_bottom);
	if (from >= height)
		from = height - 1; /* t exactly at the bottom edge */
	for (int y = from; y <= to; y++)
		plot_dot(r, x, y, pen);
}

/* The data at the left edge of dot column x. */
static double dot_m(const struct screening_raster *r, int x)
{
	return r->range.m_lo + (r->range.m_hi - r->range.m_lo) * x /
				       (r->cols * DOTS_X);
}

static void plot_line(struct screening_raster *r, struct screening_line line,
		      const struct pen *pen)
{
	for (int x = 0; x < r->cols * DOTS_X; x++)
		plot_column(r, x, screening_line_at(line, dot_m(r, x)),
			    screening_line_at(line, dot_m(r, x + 1)), pen);
}

static void plot_curve(struct screening_raster *r, const struct screening *s)
{
	struct pen pen = { SCREENING_CURVE, -1, false, false };
	double t0 = screening_curve(s, dot_m(r, 0));

	for (int x = 0; x < r->cols * DOTS_X; x++) {
		double t1 = screening_curve(s, dot_m(r, x + 1));
		plot_column(r, x, t0, t1, &pen);
		t0 = t1;
	}
}

/*
 * How a cell's occupants rank for its mark: points over the ceiling,
 * the curve and lines; the focused type's marks over everyone else's.
 */
static int rank(enum screening_mark mark, int type, int focus)
{
	static const int base[] = {
		[SCREENING_EMPTY] = 0,
		[SCREENING_RESERVATION_LINE] = 1,
		[SCREENING_INDIFFERENCE_LINE] = 2,
		[SCREENING_CURVE] = 3,
		[SCREENING_CEILING] = 4,
		[SCREENING_RESERVATION_POINT] = 5,
		[SCREENING_OPTION] = 6,
	};
	int r = base[mark];

	/* A focused line passes over the curve and the ceiling. */
	if (focus >= 0 && type == focus)
		r += mark >= SCREENING_RESERVATION_POINT ? 10 : 3;
	return r;
}

/* The lowest type in mask, the focus if it is there; -1 if none. */
static int pick_type(uint64_t mask, int focus)
{
	if (mask == 0)
		return -1;
	if (focus >= 0 && (mask >> focus & 1))
		return focus;
	int i = 0;
	while (!(mask >> i & 1))
		i++;
	return i;
}

/* Takes (mark, type) for the cell if it outranks what it holds. */
static void offer(struct screening_cell *c, enum screening_mark mark,
		  int type, int focus, int *best)
{
	int r = rank(mark, type, focus);

	if (r > *best) {
		*best = r;
		c->mark = mark;
		c->type = type;
	}
}

/*
 * A line cell's mark: the best occupant that shows (a dashed line in
 * its gap does not).  In ASCII a dashed line shows on every other cell
 * along it.
 */
static void choose_line_mark(struct screening_raster *r, int col, int row)
{
	struct screening_cell *c = cell_at(r, col, row);
	int best = -1, focus = r->focus;
	uint64_t dashed = r->charset == SCREENING_ASCII ?
				  (((col - row) % 4 + 4) % 4 < 2 ?
					   c->reservation_lines : 0) :
				  c->reservation_drawn;
	bool ceiling = r->charset == SCREENING_ASCII ? c->ceiling :
						       c->ceiling_drawn;

	c->mark = SCREENING_EMPTY;
	c->type = -1;
	if (dashed)
		offer(c, SCREENING_RESERVATION_LINE, pick_type(dashed, focus),
		      focus, &best);
	if (c->indifference_lines)
		offer(c, SCREENING_INDIFFERENCE_LINE,
		      pick_type(c->indifference_lines, focus), focus, &best);
	if (c->curve)
		offer(c, SCREENING_CURVE, -1, focus, &best);
	if (ceiling)
		offer(c, SCREENING_CEILING, -1, focus, &best);
	/* The focused type's lines, even where another's would win. */
	if (focus >= 0 && (dashed >> focus & 1))
		offer(c, SCREENING_RESERVATION_LINE, focus, focus, &best);
	if (focus >= 0 && (c->indifference_lines >> focus & 1))
		offer(c, SCREENING_INDIFFERENCE_LINE, focus, focus, &best);
}

/* '-', '/' or '|' for a line of slope value-per-data across cells. */
static char slope_glyph(const struct screening_raster *r, double slope)
{
	double m_per_col = (r->range.m_hi - r->range.m_lo) / r->cols;
	double t_per_row = (r->range.t_hi - r->range.t_lo) / r->rows;
	double rows_per_col = slope * m_per_col / t_per_row;

	return rows_per_col < 0.4 ? '-' : rows_per_col < 2.5 ? '/' : '|';
}

/* A Braille pattern as UTF-8: U+2800 + dots. */
static void braille_glyph(uint8_t dots, char *out)
{
	out[0] = (char)0xe2;
	out[1] = (char)(0xa0 | (dots >> 6));
	out[2] = (char)(0x80 | (dots & 0x3f));
	out[3] = '\0';
}

/* Every line cell's glyph, from its dots (Braille) or its mark (ASCII). */
static void choose_glyphs(struct screening_raster *r,
			  const struct screening *s)
{
	for (int row = 0; row < r->rows; row++)
		for (int col = 0; col < r->cols; col++) {
			struct screening_cell *c = cell_at(r, col, row);
			choose_line_mark(r, col, row);
			c->glyph[0] = '\0';
			if (r->charset == SCREENING_BRAILLE) {
				if (c->dots != 0)
					braille_glyph(c->dots, c->glyph);
				continue;
			}
			char g = '\0';
			switch (c->mark) {
			case SCREENING_RESERVATION_LINE:
			case SCREENING_INDIFFERENCE_LINE:
				g = slope_glyph(r, s->cost[c->type]);
				break;
			case SCREENING_CURVE:
				g = '.';
				break;
			case SCREENING_CEILING:
				g = '=';
				break;
			default:
				break;
			}
			c->glyph[0] = g;
			c->glyph[1] = '\0';
		}
}

/* True if the cell exists and holds a point's marker or label. */
static bool holds_point(const struct screening_raster *r, int col, int row)
{
	if (col < 0 || col >= r->cols)
		return false;
	const struct screening_cell *c = screening_raster_at(r, col, row);
	return c->label || c->mark >= SCREENING_RESERVATION_POINT;
}

/*
 * True if cells col..col+len-1 of row exist and hold no point or label,
 * and the cell beyond the far end (away from the marker at `marker`)
 * holds none either: "@3@4" would read as one label.
 */
static bool room_for(const struct screening_raster *r, int col, int row,
		     int len, int marker)
{
	if (col < 0 || col + len > r->cols)
		return false;
	if (holds_point(r, marker < col ? col + len : col - 1, row))
		return false;
	for (int k = 0; k < len; k++) {
		const struct screening_cell *c = screening_raster_at(r, col + k,
								     row);
		if (c->label || c->mark >= SCREENING_RESERVATION_POINT)
			return false;
	}
	return true;
}

/* A point to mark: an option or a reservation point. */
struct point {
	double m, t;
	enum screening_mark mark;
	int type;                        /* the type whose mark it is */
	char label[SCREENING_LABEL_MAX];
	bool shown;                      /* its marker holds its cell */
};

/*
 * A point's marker in its cell.  Where two points share a cell the one
 * that ranks higher (an option over a reservation point, the focused
 * type over others) shows.
 */
static void place_marker(struct screening_raster *r, struct point *p,
			 struct point *earlier, int nearlier)
{
	int col, row, c2, r2;

	if (!screening_raster_cell_of(r, p->m, p->t, &col, &row))
		return;
	struct screening_cell *c = cell_at(r, col, row);
	if (c->mark >= SCREENING_RESERVATION_POINT) {
		if (rank(c->mark, c->type, r->focus) >=
		    rank(p->mark, p->type, r->focus))
			return;
		/* The point it displaces loses its marker (and label). */
		for (int k = 0; k < nearlier; k++)
			if (earlier[k].shown &&
			    screening_raster_cell_of(r, earlier[k].m, earlier[k].t,
						     &c2, &r2) &&
			    c2 == col && r2 == row)
				earlier[k].shown = false;
	}
	c->mark = p->mark;
	c->type = p->type;
	p->shown = true;
	if (r->charset == SCREENING_BRAILLE)
		snprintf(c->glyph, sizeof(c->glyph), "%s",
			 p->mark == SCREENING_OPTION ? "\u25cf" : "\u25cb");
	else
		snprintf(c->glyph, sizeof(c->glyph), "%s",
			 p->mark == SCREENING_OPTION ? "*" : "@");
}

/* A shown point's label beside its marker: right, else left, else none. */
static void place_label(struct screening_raster *r, const struct point *p)
{
	int len = (int)strlen(p->label);

	if (!p->shown)
		return;
	int col = screening_raster_column(r, p->m);
	int row = screening_raster_row(r, p->t);
	int start = room_for(r, col + 1, row, len, col) ? col + 1 :
		    room_for(r, col - len, row, len, col) ? col - len : -1;
	for (int k = 0; start >= 0 && k < len; k++) {
		struct screening_cell *l = cell_at(r, start + k, row);
		l->mark = p->mark;
		l->type = p->type;
		l->label = true;
		l->glyph[0] = p->label[k];
		l->glyph[1] = '\0';
	}
}

/*
 * Every option (first: they win shared cells and room for labels) and
 * reservation point: markers, then labels, so no label covers a marker.
 */
static void place_points(struct screening_raster *r, const struct screening *s)
{
	struct point points[2 * CML_MAX_TYPES];
	int n = 0;

	for (int k = 0; k < s->noptions; k++) {
		const struct screening_option *o = &s->option[k];
		bool has_focus = r->focus >= o->first &&
				 r->focus < o->first + o->count;
		points[n] = (struct point){ o->m, o->t, SCREENING_OPTION,
					    has_focus ? r->focus : o->first, "",
					    false };
		snprintf(points[n].label, sizeof(points[n].label), "%s", o->label);
		n++;
	}
	for (int i = 0; i < s->ntypes; i++) {
		if (!s->has_reservation_point[i])
			continue;
		points[n] = (struct point){ s->reservation_m[i],
					    s->reservation_t[i],
					    SCREENING_RESERVATION_POINT, i, "",
					    false };
		snprintf(points[n].label, sizeof(points[n].label), "%d", i + 1);
		n++;
	}
	for (int k = 0; k < n; k++)
		place_marker(r, &points[k], points, k);
	for (int k = 0; k < n; k++)
		place_label(r, &points[k]);
}

int screening_raster_draw(const struct screening *s,
			  const struct screening_range *range, int cols,
			  int rows, enum screening_charset charset, int focus,
			  struct screening_raster *out)
{
	memset(out, 0, sizeof(*out));
	if (cols < 1 || rows < 1 || cols > SCREENING_MAX_COLS ||
	    rows > SCREENING_MAX_ROWS || !(range->m_hi > range->m_lo) ||
	    !(range->t_hi > range->t_lo) || !isfinite(range->m_hi) ||
	    !isfinite(range->t_hi) || s->ntypes < 1)
		return -1;
	out->cell = calloc((size_t)cols * (size_t)rows, sizeof(*out->cell));
	if (out->cell == NULL)
		return -1;
	out->cols = cols;
	out->rows = rows;
	out->charset = charset;
	out->range = *range;
	out->focus = focus >= 0 && focus < s->ntypes ? focus : -1;
	for (int i = 0; i < s->ntypes; i++) {
		struct pen dashed = { SCREENING_RESERVATION_LINE, i, true, false };
		struct pen solid = { SCREENING_INDIFFERENCE_LINE, i, false, false };
		plot_line(out, s->reservation[i], &dashed);
		plot_line(out, s->indifference[i], &solid);
	}
	plot_curve(out, s);
	struct pen ceiling = { SCREENING_CEILING, -1, false, true };
	plot_line(out, (struct screening_line){ s->ceiling, 0.0 }, &ceiling);
	choose_glyphs(out, s);
	/* Points record themselves in their cells, then show markers. */
	for (int i = 0; i < s->ntypes; i++) {
		int col, row;
		const struct screening_option *o = &s->option[s->option_of[i]];
		if (screening_raster_cell_of(out, o->m, o->t, &col, &row))
			cell_at(out, col, row)->options |= (uint64_t)1 << i;
		if (s->has_reservation_point[i] &&
		    screening_raster_cell_of(out, s->reservation_m[i],
					     s->reservation_t[i], &col, &row))
			cell_at(out, col, row)->reservation_points |=
				(uint64_t)1 << i;
	}
	place_points(out, s);
	return 0;
}

void screening_raster_free(struct screening_raster *r)
{
	free(r->cell);
	r->cell = NULL;
	r->cols = r->rows = 0;
}
