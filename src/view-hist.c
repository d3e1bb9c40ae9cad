/*
 * view-hist.c - binning reward distributions to character cells.
 */
#include "view-hist.h"

#include <math.h>
#include <string.h>

#include "view-scale.h"

/*
 * Rows are rewards_histogram()'s bins upside down (the top row holds the
 * highest values), so marks and ticks land where the bars put the mass.
 */
int hist_view_row(const struct hist_view *h, double v)
{
	if (!(h->step > 0.0))
		return h->rows - 1;
	double bin = floor((v - h->lo) / h->step);
	int b = bin < 0.0 ? 0 : bin >= h->rows ? h->rows - 1 : (int)bin;
	return h->rows - 1 - b;
}

/* Round-number ticks, about one every four rows. */
static void place_ticks(struct hist_view *h)
{
	struct scale_ticks ticks;

	scale_ticks_make(h->lo, h->hi, h->rows / 4 > 1 ? h->rows / 4 : 2,
			 &ticks);
	h->tick_decimals = ticks.decimals;
	h->nticks = 0;
	for (int k = 0; k < ticks.count && h->nticks < HIST_MAX_TICKS; k++) {
		int r = hist_view_row(h, ticks.value[k]);
		if (h->nticks > 0 && h->tick_row[h->nticks - 1] == r)
			continue;
		h->tick_row[h->nticks] = r;
		h->tick_value[h->nticks] = ticks.value[k];
		h->nticks++;
	}
}

int hist_view_build(const struct reward_distribution *dists,
		    const double *means, int ntypes, int rows, int width,
		    struct hist_view *out)
{
	double lo = INFINITY, hi = -INFINITY;

	memset(out, 0, sizeof(*out));
	if (rows < 1 || rows > HIST_MAX_ROWS || width < 1 || ntypes < 1 ||
	    ntypes > CML_MAX_TYPES)
		return -1;
	out->rows = rows;
	out->ntypes = ntypes;
	out->width = width;
	for (int i = 0; i < ntypes; i++)
		for (size_t a = 0; a < dists[i].count; a++) {
			lo = fmin(lo, dists[i].atoms[a].value);
			hi = fmax(hi, dists[i].atoms[a].value);
		}
	if (!(hi >= lo)) /* no atoms at all */
		lo = hi = 0.0;
	/*
	 * Widen to round numbers so the ticks read well.  A spread below
	 * rounding (a pooled contract gives every type the same reward, up
	 * to the last bits) is one value: show a 1% window around it.
	 */
	double span = hi - lo;
	if (!(span > 1e-9 * fmax(fabs(hi), 1.0)))
		span = 0.01 * fmax(fabs(hi), 1.0);
	double round = scale_nice_step(span, 4);
	out->lo = floor(lo / round) * round;
	out->hi = ceil(hi / round) * round;
	if (out->hi <= out->lo)
		out->hi = out->lo + round;
	out->step = (out->hi - out->lo) / rows;
	for (int i = 0; i < ntypes; i++) {
		struct histogram bins;
		double top = 0.0;
		if (rewards_histogram(&dists[i], out->lo, out->hi, rows, &bins) != 0)
			return -1;
		for (int b = 0; b < rows; b++)
			out->weight[i][rows - 1 - b] = bins.weight[b];
		rewards_histogram_free(&bins);
		for (int r = 0; r < rows; r++)
			top = fmax(top, out->weight[i][r]);
		for (int r = 0; r < rows && top > 0.0; r++) {
			double share = out->weight[i][r] / top;
			int e = (int)lround(share * width * 8);
			/* Any mass at all shows at least a sliver. */
			out->eighths[i][r] = out->weight[i][r] > 0.0 && e == 0 ? 1 : e;
		}
		out->mark_row[i] = hist_view_row(out, means[i]);
	}
	place_ticks(out);
	return 0;
}
