/*
 * lattice.c - expectations over Multinomial(N, p) by FFT on a lattice
 * (see lattice.h for the method and its error bound).
 */
#include <complex.h> /* before fftw3.h: fftw_complex is double complex */
#include <fftw3.h>

#include "lattice.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "model.h"
#include "moments.h"

#define TWO_PI 6.283185307179586476925286766559

/*
 * Transform sizes: 2^k, 5 2^(k-2) and 3 2^(k-1) for k >= 2, steps of at
 * most 4/3 (FFTW is as fast on these as on powers of two), so a lattice
 * never takes more than 4/3 of the points it needs rather than 2x.
 */
#define SIZE_CLASSES (3 * 22)
/* A type whose absence has probability below this is treated as present. */
#define ABSENCE_NEGLIGIBLE 1e-17
/* The error bound takes this multiple of the h vs 2h difference. */
#define SPLIT_MARGIN 2.0
/*
 * And these shares of the first-order term it removed, counted even when
 * h and 2h agree: where a is smooth the correction leaves about 1e-4 to
 * 1e-3 of it (measured; the h vs 2h difference covers the rest), but
 * where splits straddle a(S)'s kink at its zero threshold it can leave a
 * quarter or more.
 */
#define CORRECTION_SHARE 1e-3
#define KINK_SHARE 1.0
/*
 * Refining stops at this transform size, shared among the families (one
 * transform each): what one evaluation may cost.  Where that does not
 * reach LATTICE_TARGET (splits straddling a's kink at small N) the bound
 * says so.
 */
#define REFINE_BUDGET ((size_t)1 << 19)
#define REFINE_MIN_POINTS ((size_t)1 << 12)
/*
 * The bound never goes below this relative error: the exact sums it is
 * held against round to about that over 10^5 outcomes.
 */
#define ERROR_FLOOR 1e-12
/* Reward histograms: points across one draw's range, and at most. */
#define DISTRIBUTION_POINTS 256.0
#define DISTRIBUTION_MAX_POINTS ((size_t)1 << 18)
/* The complete-information benchmark's grid, points per axis. */
#define COMPLETE_GRID 128
/* A kept spacing is dropped when it would need more steps than this. */
#define HINT_MAX_STEPS 65536.0
/*
 * A spacing whose bound is this many times below the target is doubled
 * for the next call (the bound grows about 4x per doubling): a solve's
 * first point may need a fine lattice that later points do not.
 */
#define COARSEN_MARGIN 4.0
/* Spacings tried before settling for the best bound found. */
#define REFINEMENTS 6
/* Draw ranges in lattice points for the first try: small N needs more. */
#define FIRST_POINTS_SMALL_N 64.0
#define FIRST_POINTS_LARGE_N 16.0
/* Values below this fraction of the value scale count as this (relative
 * errors of values that are all but 0 say nothing). */
#define RELATIVE_FLOOR 1e-9

/*
 * Plans and twiddle factors per size, made once: FFTW's planner is not
 * thread-safe (executing a plan is), and the worker thread and sweep
 * threads solve at the same time.
 */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct size_class {
	fftw_plan forward, backward;
	double complex *twiddle; /* exp(-2 pi i t / M), t < M */
} cache[SIZE_CLASSES];

static size_t class_size(int c)
{
	int k = c / 3 + 2;

	switch (c % 3) {
	case 0:
		return (size_t)1 << k;
	case 1:
		return (size_t)5 << (k - 2);
	default:
		return (size_t)3 << (k - 1);
	}
}

/* The smallest class of at least need points, or -1. */
static int class_for(size_t need)
{
	for (int c = 0; c < SIZE_CLASSES; c++)
		if (class_size(c) >= need)
			return class_size(c) <= LATTICE_MAX_POINTS ? c : -1;
	return -1;
}

static const struct size_class *size_class_get(int c)
{
	struct size_class *sc = &cache[c];
	size_t n = class_size(c);

	pthread_mutex_lock(&cache_lock);
	if (sc->twiddle == NULL) {
		double complex *a = fftw_malloc(sizeof(*a) * n);
		double complex *b = fftw_malloc(sizeof(*b) * n);
		double complex *tw = fftw_malloc(sizeof(*tw) * n);
		if (a != NULL && b != NULL && tw != NULL) {
			sc->forward = fftw_plan_dft_1d((int)n, a, b, FFTW_FORWARD,
						       FFTW_ESTIMATE);
			sc->backward = fftw_plan_dft_1d((int)n, a, b,
							FFTW_BACKWARD,
							FFTW_ESTIMATE);
			for (size_t t = 0; t < n; t++) {
				/* Reduce the angle exactly before scaling. */
				double turn = (double)t / (double)n;
				tw[t] = cos(TWO_PI * turn) -
					I * sin(TWO_PI * turn);
			}
			if (sc->forward != NULL && sc->backward != NULL) {
				sc->twiddle = tw;
				tw = NULL;
			}
		}
		fftw_free(a);
		fftw_free(b);
		fftw_free(tw);
	}
	pthread_mutex_unlock(&cache_lock);
	return sc->twiddle != NULL ? sc : NULL;
}

/* One type's draw on the lattice: l + theta lattice steps above m_min. */
struct draw {
	long step;    /* l */
	double theta; /* in [0, 1) */
	double split; /* theta (1 - theta) h^2: the variance splitting adds */
};

/* Which (N-1)-draw sums are needed: all types, and all but type i. */
struct family {
	int without;      /* -1: all types; else the type left out */
	double absent;    /* (1 - p_i)^N, the weight of outcomes without i */
	double scale;     /* 1 / (1 - p_i): renormalises the draw */
	double tail;      /* probability outside the window */
};

struct lattice {
	const struct model *mdl;
	const double *m;
	int types, n;
	double h, origin;   /* S = origin + h k at array index k */
	long first;         /* lowest lattice index of S_{N-1} kept */
	size_t size;        /* M */
	const struct size_class *sc;
	struct draw draw[CML_MAX_TYPES];
	struct family fam[CML_MAX_TYPES + 1];
	int families;
	bool linear;        /* v'' = 0: w = v(a) is a multiple of a */
	/*
	 * Values only (no gradients, no share of the correction): with v
	 * linear, g_acc is then the FFT of a + i kappa (a'' + kink) and one
	 * correlation per family gives both, g_curv unused.  kappa, the
	 * largest correction weight per unit probability, brings the second
	 * part to the first's size: a'' alone is 1e-8 of a, and the FFT's
	 * rounding of a would swamp it.
	 */
	bool packed;
	double kappa;
	double v_slope;     /* v' when linear */
	/* Transforms, each size points. */
	double complex *g_acc;   /* FFT of a + i a' */
	double complex *g_val;   /* FFT of w + i w' (NULL when linear) */
	double complex *g_curv;  /* FFT of a'' + i w'' (kink included) */
	double complex *draw_ft; /* FFT of one draw's lattice distribution */
	double complex *work, *out;
	/* Filled per family: */
	double complex *corr_first; /* E[G(k + S')] for G = g_acc or g_val */
	double complex *corr_curv;
};

/*
 * x y without C's Annex G infinity recovery (a library call per product
 * in GCC): every operand here is finite.
 */
static inline double complex mul(double complex x, double complex y)
{
	double a = creal(x), b = cimag(x), c = creal(y), d = cimag(y);

	return CMPLX(a * c - b * d, a * d + b * c);
}

static double complex power_of(double complex z, int k)
{
	double complex r = 1.0;

	while (k > 0) {
		if (k & 1)
			r = mul(r, z);
		z = mul(z, z);
		k >>= 1;
	}
	return r;
}

/* The window of S_{N-1} for family f: mean +- Bernstein radius. */
static void family_window(const struct lattice *lt, const struct family *f,
			  long span, long *lo, long *hi, double *tail)
{
	double mean = 0.0, second = 0.0;
	int draws = lt->n - 1;

	for (int j = 0; j < lt->types; j++) {
		if (j == f->without)
			continue;
		double p = lt->mdl->prob[j] * f->scale;
		double u = (double)lt->draw[j].step + lt->draw[j].theta;
		mean += p * u;
		second += p * (u * u + lt->draw[j].theta *
					       (1.0 - lt->draw[j].theta));
	}
	double var = fmax(0.0, second - mean * mean) * draws;
	double total = (double)span * draws;
	double log_term = 2.0 * log(2.0 / LATTICE_TAIL);
	double b = log_term * (double)span / 3.0;
	double radius = 0.5 * (b + sqrt(b * b + 4.0 * log_term * var));
	double from = floor(mean * draws - radius);
	double to = ceil(mean * draws + radius);

	*tail = LATTICE_TAIL;
	if (from <= 0.0 && to >= total)
		*tail = 0.0;
	*lo = from <= 0.0 ? 0 : (long)from;
	*hi = to >= total ? (long)total : (long)to;
}

/* (a t) mod M for t = 0, 1, ...: a twiddle index without a division. */
struct twiddle_walk {
	size_t at, step, size;
};

static inline struct twiddle_walk twiddle_walk(size_t a, size_t size)
{
	return (struct twiddle_walk){ 0, a % size, size };
}

static inline size_t twiddle_next(struct twiddle_walk *w)
{
	size_t now = w->at;

	w->at += w->step;
	if (w->at >= w->size)
		w->at -= w->size;
	return now;
}

/*
 * spec^k in place, by squaring: one pass over the array per bit of k
 * (plain loops the compiler can vectorise).  base is scratch.
 */
static void power_in_place(double complex *spec, double complex *base,
			   size_t size, int k)
{
	bool started = false;

	memcpy(base, spec, sizeof(*spec) * size);
	for (; k > 0; k >>= 1) {
		if (k & 1) {
			if (started)
				for (size_t t = 0; t < size; t++)
					spec[t] = mul(spec[t], base[t]);
			else
				memcpy(spec, base, sizeof(*spec) * size);
			started = true;
		}
		if (k > 1)
			for (size_t t = 0; t < size; t++)
				base[t] = mul(base[t], base[t]);
	}
	if (!started)
		for (size_t t = 0; t < size; t++)
			spec[t] = 1.0;
}

/*
 * Points of a spectrum that are computed: a real distribution's transform
 * has X[M - t] = conj(X[t]), so t <= M/2 gives the rest.
 */
static size_t spectrum_half(const struct lattice *lt)
{
	return lt->size / 2 + 1;
}

/*
 * The transform of S_{N-1}, in place over the one-draw transform (of
 * which only spectrum_half() points need be right).
 */
static void sum_spectrum(struct lattice *lt, double complex *spec)
{
	size_t size = lt->size, half = spectrum_half(lt);

	power_in_place(spec, lt->work, half, lt->n - 1);
	for (size_t t = half; t < size; t++)
		spec[t] = conj(spec[size - t]);
}

/*
 * What every correlation's transform is multiplied by besides the sum's:
 * the window's offset (S_{N-1} starts at lattice point first) and the
 * inverse FFT's 1/M, folded into g once per evaluation.
 */
static void align_function(const struct lattice *lt, double complex *g)
{
	size_t size = lt->size;
	const double complex *tw = lt->sc->twiddle;
	struct twiddle_walk walk = twiddle_walk((size_t)lt->first, size);
	double inv = 1.0 / (double)size;

	for (size_t t = 0; t < size; t++)
		g[t] = inv * mul(tw[twiddle_next(&walk)], g[t]);
}

/*
 * dest[l] = E[G(origin + h (l + k))] over S_{N-1} = origin + h k: the
 * correlation of the window with G, whose aligned transform is g.
 * Returns a bound on its rounding error.
 */
static double correlate(struct lattice *lt, const double complex *spec,
			const double complex *g, double complex *dest)
{
	size_t size = lt->size;
	double magnitude = 0.0;

	for (size_t t = 0; t < size; t++) {
		double complex w = mul(conj(spec[t]), g[t]);
		lt->work[t] = w;
		/* |re| + |im| >= the modulus, without hypot()'s cost. */
		magnitude += fabs(creal(w)) + fabs(cimag(w));
	}
	fftw_execute_dft(lt->sc->backward, lt->work, dest);
	/* Rounding: the power's (N ulps), the FFT's (log M) and the sum's. */
	return DBL_EPSILON * (lt->n + 4.0 * log2((double)size) + 8.0) *
	       magnitude;
}

/* E[G(m_j + S')] from a correlation: the shift m_j split like a draw. */
static double complex at_shift(const struct lattice *lt,
			       const double complex *corr, int j)
{
	const struct draw *d = &lt->draw[j];
	double complex v = corr[d->step];

	if (d->theta > 0.0)
		v = (1.0 - d->theta) * v + d->theta * corr[d->step + 1];
	return v;
}

/* One draw's lattice distribution (split values), transformed. */
static void draw_transform(struct lattice *lt)
{
	memset(lt->work, 0, sizeof(*lt->work) * lt->size);
	for (int j = 0; j < lt->types; j++) {
		const struct draw *d = &lt->draw[j];
		double p = lt->mdl->prob[j];
		lt->work[d->step] += p * (1.0 - d->theta);
		if (d->theta > 0.0)
			lt->work[d->step + 1] += p * d->theta;
	}
	fftw_execute_dft(lt->sc->forward, lt->work, lt->draw_ft);
}

static void transform_functions(struct lattice *lt)
{
	const struct accuracy *acc = &lt->mdl->accuracy;
	const struct valuation *val = &lt->mdl->valuation;
	size_t size = lt->size;
	double complex *acc_in = lt->work, *curv_in = lt->out;

	for (size_t k = 0; k < size; k++) {
		double s = lt->origin + lt->h * (double)k, d1, d2, v1, v2;
		double a = accuracy_eval(acc, s, &d1, &d2);
		double w = valuation_eval(val, a, &v1, &v2);
		acc_in[k] = a + I * (lt->packed ? lt->kappa * d2 : d1);
		/* Linear v: w'' = v' a'', so Im carries the kink alone. */
		curv_in[k] = d2 + I * (lt->linear ? 0.0 : v2 * d1 * d1 + v1 * d2);
		if (!lt->linear)
			lt->g_val[k] = w + I * v1 * d1;
	}
	/* a' jumps from 0 at the zero threshold: a point mass in a''. */
	double z = acc->zero_below, pos = (z - lt->origin) / lt->h;
	if (pos >= 0.0 && pos < (double)(size - 1)) {
		double d1, v1;
		(void)accuracy_eval(acc, z + fmax(z, 1.0) * 1e-12, &d1, NULL);
		(void)valuation_eval(val, 0.0, &v1, NULL);
		size_t k = (size_t)pos;
		double frac = pos - (double)k, mass = d1 / lt->h;
		double complex kink = lt->linear ? I : 1.0 + I * v1;
		double complex *into = curv_in;
		if (lt->packed) {
			into = acc_in;
			kink *= lt->kappa;
		}
		into[k] += (1.0 - frac) * mass * kink;
		into[k + 1] += frac * mass * kink;
	}
	fftw_execute_dft(lt->sc->forward, acc_in, lt->g_acc);
	align_function(lt, lt->g_acc);
	if (!lt->packed) {
		fftw_execute_dft(lt->sc->forward, curv_in, lt->g_curv);
		align_function(lt, lt->g_curv);
	}
	if (!lt->linear) {
		memcpy(lt->work, lt->g_val, sizeof(*lt->work) * size);
		fftw_execute_dft(lt->sc->forward, lt->work, lt->g_val);
		align_function(lt, lt->g_val);
	}
}

static void free_arrays(struct lattice *lt)
{
	fftw_free(lt->g_acc);
	fftw_free(lt->g_val);
	fftw_free(lt->g_curv);
	fftw_free(lt->draw_ft);
	fftw_free(lt->work);
	fftw_free(lt->out);
	fftw_free(lt->corr_first);
	fftw_free(lt->corr_curv);
}

static int alloc_arrays(struct lattice *lt)
{
	size_t bytes = sizeof(double complex) * lt->size;

	lt->g_acc = fftw_malloc(bytes);
	lt->g_val = lt->linear ? NULL : fftw_malloc(bytes);
	lt->g_curv = fftw_malloc(bytes);
	lt->draw_ft = fftw_malloc(bytes);
	lt->work = fftw_malloc(bytes);
	lt->out = fftw_malloc(bytes);
	lt->corr_first = fftw_malloc(bytes);
	lt->corr_curv = fftw_malloc(bytes);
	if (lt->g_acc == NULL || (!lt->linear && lt->g_val == NULL) ||
	    lt->g_curv == NULL || lt->draw_ft == NULL || lt->work == NULL ||
	    lt->out == NULL || lt->corr_first == NULL ||
	    lt->corr_curv == NULL) {
		free_arrays(lt);
		return -1;
	}
	return 0;
}

/* Lays the lattice out for spacing h: draws, families, window, size. */
static int layout(struct lattice *lt, double h, double m_min)
{
	long span = 0;

	lt->h = h;
	for (int j = 0; j < lt->types; j++) {
		double u = (lt->m[j] - m_min) / h;
		struct draw *d = &lt->draw[j];
		d->step = (long)floor(u);
		d->theta = u - (double)d->step;
		if (d->theta >= 1.0) { /* rounding at the top */
			d->step++;
			d->theta = 0.0;
		}
		d->split = d->theta * (1.0 - d->theta) * h * h;
		long top = d->step + (d->theta > 0.0);
		if (top > span)
			span = top;
	}
	if (span > (long)LATTICE_MAX_POINTS)
		return -1;
	long lo = 0, hi = 0;
	for (int f = 0; f < lt->families; f++) {
		long flo, fhi;
		family_window(lt, &lt->fam[f], span, &flo, &fhi,
			      &lt->fam[f].tail);
		if (f == 0 || flo < lo)
			lo = flo;
		if (f == 0 || fhi > hi)
			hi = fhi;
	}
	size_t need = (size_t)(hi - lo + 1) + (size_t)span + 1;
	if (need > LATTICE_MAX_POINTS)
		return -1;
	int c = class_for(need);
	if (c < 0)
		return -1;
	lt->first = lo;
	lt->size = class_size(c);
	lt->origin = lt->n * m_min + h * (double)lo;
	lt->sc = size_class_get(c);
	return lt->sc != NULL ? 0 : -1;
}

/* The one-draw transform of family f into dest (spectrum_half() points). */
static void family_transform(const struct lattice *lt, const struct family *f,
			     double complex *dest)
{
	size_t size = lt->size;
	const double complex *tw = lt->sc->twiddle;

	if (f->without < 0) {
		memcpy(dest, lt->draw_ft, sizeof(*dest) * size);
		return;
	}
	const struct draw *d = &lt->draw[f->without];
	double p = lt->mdl->prob[f->without];
	size_t l = (size_t)d->step, half = spectrum_half(lt);
	struct twiddle_walk at = twiddle_walk(l, size);
	struct twiddle_walk above = twiddle_walk(l + 1, size);
	for (size_t t = 0; t < half; t++) {
		double complex point = (1.0 - d->theta) * tw[twiddle_next(&at)];
		size_t next = twiddle_next(&above);
		if (d->theta > 0.0)
			point += d->theta * tw[next];
		dest[t] = (lt->draw_ft[t] - p * point) * f->scale;
	}
}

/* Absolute error bounds of one evaluation, per quantity. */
struct bounds {
	double accuracy, value, tbar[CML_MAX_TYPES];
};

/*
 * Every moment at the current layout; fills out and the error bounds:
 * rounding and tail, and with misses what the correction may miss (the
 * 2h lattice's own misses do not bound the h lattice's error).
 */
static int evaluate(struct lattice *lt, bool gradients, bool misses,
		    struct moments *out, struct bounds *err)
{
	const struct model *mdl = lt->mdl;
	int types = lt->types, n = lt->n;
	double value_scale = mdl->value_scale;

	lt->packed = lt->linear && !gradients && !misses;
	/* weight_j = theta (1 - theta) h^2 n p_j / 2 <= h^2 n p_j / 8 */
	lt->kappa = lt->h * lt->h * n / 8.0;
	if (alloc_arrays(lt) != 0)
		return -1;
	transform_functions(lt);
	draw_transform(lt);

	double full_value = 0.0, full_err = 0.0, full_slope[CML_MAX_TYPES];
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	for (int f = 0; f < lt->families; f++) {
		const struct family *fam = &lt->fam[f];
		const double complex *g_first = f == 0 || lt->linear ?
						 lt->g_acc : lt->g_val;
		double complex *ft = lt->out;
		family_transform(lt, fam, ft);
		sum_spectrum(lt, ft);
		double round_first = correlate(lt, ft, g_first, lt->corr_first);
		double round_curv = lt->packed ? 0.0 :
				    correlate(lt, ft, lt->g_curv, lt->corr_curv);
		double tail = 2.0 * fam->tail;
		double miss_acc, miss_val; /* what the correction may miss */
		/* first: a or w per the array; curvature: Re a'', Im w''. */
		double first_scale = g_first == lt->g_acc && f > 0 ?
				     lt->v_slope : 1.0;
		double mean = 0.0, corr_acc = 0.0, corr_val = 0.0;
		double corr_kink = 0.0; /* the kink's part of corr_acc */
		double slope[CML_MAX_TYPES];
		for (int j = 0; j < types; j++) {
			slope[j] = 0.0;
			if (j == fam->without)
				continue;
			double p = mdl->prob[j] * fam->scale;
			double complex first = at_shift(lt, lt->corr_first, j);
			double weight = 0.5 * lt->draw[j].split * n * p;
			mean += p * creal(first) * first_scale;
			if (lt->packed) {
				corr_acc += weight / lt->kappa * cimag(first);
				continue;
			}
			double complex curv = at_shift(lt, lt->corr_curv, j);
			slope[j] = n * p * cimag(first) * first_scale;
			if (lt->linear) {
				corr_acc += weight * (creal(curv) + cimag(curv));
				corr_kink += weight * cimag(curv);
			} else {
				corr_acc += weight * creal(curv);
				corr_val += weight * cimag(curv);
			}
		}
		if (lt->linear) {
			corr_val = lt->v_slope * corr_acc;
			miss_acc = CORRECTION_SHARE * fabs(corr_acc - corr_kink) +
				   KINK_SHARE * fabs(corr_kink);
			miss_val = lt->v_slope * miss_acc;
		} else {
			/* The kink is not told apart: all of it at its share. */
			miss_acc = KINK_SHARE * fabs(corr_acc);
			miss_val = KINK_SHARE * fabs(corr_val);
		}
		if (!misses)
			miss_acc = miss_val = 0.0;
		if (f == 0) {
			/* The objective; w and tbar follow from it or g_val. */
			out->expected_accuracy = mean - corr_acc;
			err->accuracy = round_first + round_curv + tail +
					miss_acc;
			for (int j = 0; j < types; j++)
				out->accuracy_grad[j] = slope[j];
			if (lt->linear) {
				full_value = lt->v_slope * out->expected_accuracy;
				full_err = lt->v_slope * (round_first + tail) +
					   round_curv +
					   miss_val;
				for (int j = 0; j < types; j++)
					full_slope[j] = lt->v_slope * slope[j];
			} else {
				/* A second pass over family 0 with g_val. */
				round_first = correlate(lt, ft, lt->g_val,
							lt->corr_first);
				full_value = 0.0;
				for (int j = 0; j < types; j++) {
					double complex first = at_shift(
						lt, lt->corr_first, j);
					full_value += mdl->prob[j] *
						      creal(first);
					full_slope[j] = n * mdl->prob[j] *
							cimag(first);
				}
				full_value -= corr_val;
				full_err = round_first + round_curv +
					   value_scale * tail +
					   miss_val;
			}
			out->expected_value = full_value;
			err->value = full_err;
			for (int i = 0; i < types; i++) {
				out->tbar[i] = full_value;
				err->tbar[i] = full_err;
				if (gradients)
					for (int j = 0; j < types; j++)
						out->tbar_grad[i][j] =
							full_slope[j];
			}
			continue;
		}
		/* Family "without i": tbar_i = (E[w] - q E[w | no i]) / (1-q). */
		int i = fam->without;
		double q = fam->absent, keep = 1.0 / (1.0 - q);
		double without = mean - corr_val;
		double without_err = miss_val +
				     round_curv +
				     first_scale * round_first +
				     value_scale * tail;
		out->tbar[i] = (full_value - q * without) * keep;
		err->tbar[i] = (full_err + q * without_err) * keep;
		if (gradients)
			for (int j = 0; j < types; j++)
				out->tbar_grad[i][j] =
					(full_slope[j] - q * slope[j]) * keep;
	}
	/* Types whose absence is negligible: tbar_i ~ E[w] / (1 - q). */
	for (int i = 0; i < types; i++) {
		bool listed = false;
		for (int f = 1; f < lt->families; f++)
			listed |= lt->fam[f].without == i;
		if (listed || types == 1)
			continue;
		double q = pow(1.0 - mdl->prob[i], n);
		out->tbar[i] = full_value / (1.0 - q);
		err->tbar[i] = (full_err + q * value_scale) / (1.0 - q);
	}
	free_arrays(lt);
	return 0;
}

/*
 * The error of the spacing-h values, from those at 2h: both had their
 * first-order splitting error removed, and what is left falls at least
 * as h^2, so the difference bounds the finer one's error; twice it, and
 * both roundings, for margin.
 */
static void add_difference(struct bounds *b, const struct moments *fine,
			   const struct moments *coarse,
			   const struct bounds *coarse_b, int types)
{
	b->accuracy += coarse_b->accuracy + SPLIT_MARGIN *
		       fabs(fine->expected_accuracy - coarse->expected_accuracy);
	b->value += coarse_b->value + SPLIT_MARGIN *
		    fabs(fine->expected_value - coarse->expected_value);
	for (int i = 0; i < types; i++)
		b->tbar[i] += coarse_b->tbar[i] + SPLIT_MARGIN *
			      fabs(fine->tbar[i] - coarse->tbar[i]);
}

/* The largest relative error of E[a], E[v] and every tbar_i. */
static double relative_error(const struct model *mdl,
			     const struct moments *mom, const struct bounds *b)
{
	double floor_v = RELATIVE_FLOOR * mdl->value_scale;
	double floor_a = floor_v / mdl->value_scale;
	double worst = b->accuracy / fmax(fabs(mom->expected_accuracy), floor_a);

	worst = fmax(worst, b->value / fmax(fabs(mom->expected_value), floor_v));
	for (int i = 0; i < mdl->ntypes; i++)
		worst = fmax(worst, b->tbar[i] / fmax(fabs(mom->tbar[i]), floor_v));
	return fmax(worst, ERROR_FLOOR);
}

/* The linear valuation's slope, or 0 when v is not linear. */
static double linear_slope(const struct valuation *val)
{
	double d1;

	if (!valuation_is_linear(val))
		return 0.0;
	(void)valuation_eval(val, 0.5, &d1, NULL);
	return d1;
}

int lattice_moments(const struct model *mdl, const double *m, bool gradients,
		    double *hint, struct moments *out)
{
	struct lattice lt;
	double m_min = m[0], m_max = m[0];

	memset(&lt, 0, sizeof(lt));
	lt.mdl = mdl;
	lt.m = m;
	lt.types = mdl->ntypes;
	lt.n = mdl->participants;
	lt.v_slope = linear_slope(&mdl->valuation);
	lt.linear = lt.v_slope > 0.0;
	for (int j = 1; j < lt.types; j++) {
		m_min = fmin(m_min, m[j]);
		m_max = fmax(m_max, m[j]);
	}
	lt.fam[0].without = -1;
	lt.fam[0].scale = 1.0;
	lt.families = 1;
	for (int i = 0; i < lt.types && lt.types > 1; i++) {
		double q = pow(1.0 - mdl->prob[i], lt.n);
		if (q < ABSENCE_NEGLIGIBLE)
			continue;
		struct family *f = &lt.fam[lt.families++];
		f->without = i;
		f->absent = q;
		f->scale = 1.0 / (1.0 - mdl->prob[i]);
	}

	/*
	 * The lattice is anchored at 0 with a spacing kept from one call to
	 * the next (the hint, which lives in the solver's problem): then
	 * the values are a continuous function of m along a solve, which
	 * SLSQP's line search needs; a lattice that moved with m_min or with
	 * the range would add noise of the size of the bound to every step.
	 * The spacing only doubles or halves, now and then (measured: SLSQP
	 * takes the same number of steps).  Equal contributions keep their
	 * exact lattice (no split at all).
	 */
	double range = m_max - m_min;
	double anchor = range > 0.0 ? fmin(m_min, 0.0) : m_min; /* m >= 0 */
	double points = lt.n <= 100 ? FIRST_POINTS_SMALL_N : FIRST_POINTS_LARGE_N;
	double h = range > 0.0 ? m_max / points : 1.0;
	if (range > 0.0 && hint != NULL && *hint > 0.0 &&
	    m_max / *hint < HINT_MAX_STEPS)
		h = *hint;
	struct moments fine, coarse;
	struct bounds fine_b, coarse_b;
	double best = INFINITY, best_h = h;
	size_t refine_max = REFINE_BUDGET / (size_t)lt.families;
	if (refine_max < REFINE_MIN_POINTS)
		refine_max = REFINE_MIN_POINTS;

	memset(out, 0, sizeof(*out));
	out->error = INFINITY;
	for (int k = 0; k < REFINEMENTS; k++) {
		if (layout(&lt, h, anchor) != 0 ||
		    evaluate(&lt, gradients, true, &fine, &fine_b) != 0)
			break;
		if (range > 0.0) {
			if (layout(&lt, 2.0 * h, anchor) != 0 ||
			    evaluate(&lt, false, false, &coarse, &coarse_b) != 0)
				break;
			add_difference(&fine_b, &fine, &coarse, &coarse_b,
				       lt.types);
		}
		double rel = relative_error(mdl, &fine, &fine_b);
		if (rel < best) {
			best = rel;
			best_h = h;
			*out = fine;
			out->error = rel;
		}
		if (rel <= LATTICE_TARGET || range == 0.0 ||
		    lt.size >= refine_max)
			break;
		/*
		 * The bound's share of the removed term shrinks like h^2; near
		 * a's kink the error falls only like h, and the next round
		 * refines again.  At most halved: where splits leave the kink
		 * the bound falls much faster, and a spacing 10x too fine
		 * costs 10x the points for the rest of the solve.
		 */
		h *= fmin(0.7, fmax(0.5, 0.9 * sqrt(LATTICE_TARGET / rel)));
	}
	if (hint != NULL && range > 0.0 && isfinite(best)) {
		*hint = best_h;
		/* Well within the target: the next call tries a coarser one. */
		if (best * COARSEN_MARGIN <= LATTICE_TARGET)
			*hint = 2.0 * best_h;
	}
	return isfinite(out->error) ? 0 : -1;
}

/* The lattice for a distribution of S_N: the window of N draws. */
static int distribution_layout(struct lattice *lt, const struct model *mdl,
			       const double *m, double *m_min_out)
{
	double m_min = m[0], m_max = m[0];

	memset(lt, 0, sizeof(*lt));
	lt->mdl = mdl;
	lt->m = m;
	lt->types = mdl->ntypes;
	/* layout() windows n - 1 draws: ask for one more. */
	lt->n = mdl->participants + 1;
	lt->linear = true; /* only the draw transform is needed */
	for (int j = 1; j < lt->types; j++) {
		m_min = fmin(m_min, m[j]);
		m_max = fmax(m_max, m[j]);
	}
	lt->fam[0].without = -1;
	lt->fam[0].scale = 1.0;
	lt->families = 1;
	*m_min_out = m_min;
	double range = m_max - m_min;
	for (double points = DISTRIBUTION_POINTS; points >= 1.0; points /= 2.0)
		if (layout(lt, range > 0.0 ? range / points : 1.0, m_min) == 0 &&
		    lt->size <= DISTRIBUTION_MAX_POINTS)
			return 0;
	return -1;
}

/* P(S_N at each window point) for family f into dest (real parts). */
static void window_probabilities(struct lattice *lt, const struct family *f,
				 double complex *dest)
{
	size_t size = lt->size;
	/* -first mod M */
	struct twiddle_walk walk = twiddle_walk(
		(size - (size_t)lt->first % size) % size, size);
	const double complex *tw = lt->sc->twiddle;
	double inv = 1.0 / (double)size;

	family_transform(lt, f, dest);
	sum_spectrum(lt, dest);
	/* Back from the window's offset: the conjugate twiddle. */
	for (size_t t = 0; t < size; t++)
		lt->work[t] = inv * mul(tw[twiddle_next(&walk)], dest[t]);
	fftw_execute_dft(lt->sc->backward, lt->work, dest);
}

int lattice_distribution(const struct model *mdl, const double *m, int given,
			 double **support, double **weight, int *count)
{
	struct lattice lt;
	double m_min;

	*support = NULL;
	*weight = NULL;
	*count = 0;
	if (distribution_layout(&lt, mdl, m, &m_min) != 0)
		return -1;
	size_t size = lt.size;
	double complex *full = fftw_malloc(sizeof(*full) * size);
	double complex *without = fftw_malloc(sizeof(*without) * size);
	lt.work = fftw_malloc(sizeof(*lt.work) * size);
	lt.draw_ft = fftw_malloc(sizeof(*lt.draw_ft) * size);
	double *s = malloc(sizeof(*s) * size), *w = malloc(sizeof(*w) * size);
	int rc = -1;
	if (full == NULL || without == NULL || lt.work == NULL ||
	    lt.draw_ft == NULL || s == NULL || w == NULL)
		goto out;
	draw_transform(&lt);
	window_probabilities(&lt, &lt.fam[0], full);
	double absent = 0.0;
	if (given >= 0 && lt.types > 1) {
		absent = pow(1.0 - mdl->prob[given], mdl->participants);
		struct family f = { .without = given, .absent = absent,
				    .scale = 1.0 / (1.0 - mdl->prob[given]) };
		if (absent > 0.0)
			window_probabilities(&lt, &f, without);
	}
	double origin = mdl->participants * m_min + lt.h * (double)lt.first;
	double total = 0.0;
	int n = 0;
	for (size_t k = 0; k < size; k++) {
		double p = creal(full[k]);
		if (absent > 0.0)
			p -= absent * creal(without[k]);
		/* Rounding leaves tiny negatives and dust: drop them. */
		if (!(p > DBL_EPSILON * 1e-3))
			continue;
		s[n] = origin + lt.h * (double)k;
		w[n++] = p;
		total += p;
	}
	for (int k = 0; k < n; k++)
		w[k] /= total;
	*support = s;
	*weight = w;
	*count = n;
	s = w = NULL;
	rc = n > 0 ? 0 : -1;
out:
	fftw_free(full);
	fftw_free(without);
	fftw_free(lt.work);
	fftw_free(lt.draw_ft);
	free(s);
	free(w);
	if (rc != 0 && *support != NULL) {
		free(*support);
		free(*weight);
		*support = *weight = NULL;
		*count = 0;
	}
	return rc;
}

/* One axis of the complete-information lattice: values x_j per type. */
struct axis {
	double low, h;  /* point k of the window: N low + h (first + k) */
	long first;
	double u[CML_MAX_TYPES]; /* x_j in lattice steps above low */
};

static void axis_layout(struct axis *ax, const double *x, const double *p,
			int types, int n)
{
	double low = x[0], high = x[0], mean = 0.0, second = 0.0;

	for (int j = 1; j < types; j++) {
		low = fmin(low, x[j]);
		high = fmax(high, x[j]);
	}
	for (int j = 0; j < types; j++) {
		mean += p[j] * (x[j] - low);
		second += p[j] * (x[j] - low) * (x[j] - low);
	}
	double var = fmax(0.0, second - mean * mean) * n, span = high - low;
	double log_term = 2.0 * log(2.0 / LATTICE_TAIL);
	double b = log_term * span / 3.0;
	double radius = 0.5 * (b + sqrt(b * b + 4.0 * log_term * var));
	double from = fmax(0.0, mean * n - radius);
	double to = fmin(span * n, mean * n + radius);

	ax->low = low;
	ax->h = to > from ? (to - from) / (COMPLETE_GRID - 2) : 1.0;
	ax->first = (long)floor(from / ax->h);
	for (int j = 0; j < types; j++)
		ax->u[j] = (x[j] - low) / ax->h;
}

/* Window index k of an axis from a grid index (positions are mod g). */
static long axis_index(const struct axis *ax, size_t i, size_t g)
{
	return ((long)i - ax->first % (long)g + (long)g) % (long)g + ax->first;
}

/* One draw of family f (f < 0: every type) split bilinearly onto grid. */
static void complete_draw(const struct model *mdl, const struct axis *ax,
			  const struct axis *bx, int without,
			  double complex *grid, size_t g)
{
	double scale = without < 0 ? 1.0 : 1.0 / (1.0 - mdl->prob[without]);

	memset(grid, 0, sizeof(*grid) * g * g);
	for (int j = 0; j < mdl->ntypes; j++) {
		if (j == without)
			continue;
		double fa = floor(ax->u[j]), fb = floor(bx->u[j]);
		double ta = ax->u[j] - fa, tb = bx->u[j] - fb;
		for (int da = 0; da < 2; da++)
			for (int db = 0; db < 2; db++) {
				size_t ia = (size_t)((long)fa + da) % g;
				size_t ib = (size_t)((long)fb + db) % g;
				grid[ia * g + ib] += scale * mdl->prob[j] *
					(da ? ta : 1.0 - ta) * (db ? tb : 1.0 - tb);
			}
	}
}

/* The grid of N draws of family `without` (probabilities, real parts). */
static void complete_sum(const struct model *mdl, const struct axis *ax,
			 const struct axis *bx, int without, fftw_plan forward,
			 fftw_plan backward, double complex *grid,
			 double complex *ft, size_t g)
{
	complete_draw(mdl, ax, bx, without, grid, g);
	fftw_execute_dft(forward, grid, ft);
	for (size_t c = 0; c < g * g; c++)
		ft[c] = power_of(ft[c], mdl->participants);
	fftw_execute_dft(backward, ft, grid);
}

/* What one outcome's point of the grid gives: its data and model value. */
struct complete_cell {
	double s, value, accuracy;
	bool mass; /* carries probability under the full family */
};

int lattice_complete(const struct model *mdl, struct complete_info *out)
{
	int types = mdl->ntypes, n = mdl->participants;
	size_t g = COMPLETE_GRID, cells = g * g;
	double xa[CML_MAX_TYPES], xb[CML_MAX_TYPES];
	struct axis ax, bx;
	fftw_plan forward, backward;

	for (int j = 0; j < types; j++) {
		xa[j] = 1.0 / mdl->cost[j];
		xb[j] = mdl->reserve[j].profit / mdl->cost[j];
	}
	axis_layout(&ax, xa, mdl->prob, types, n);
	axis_layout(&bx, xb, mdl->prob, types, n);
	double complex *grid = fftw_malloc(sizeof(*grid) * cells);
	double complex *ft = fftw_malloc(sizeof(*ft) * cells);
	struct complete_cell *cell = malloc(sizeof(*cell) * cells);
	if (grid == NULL || ft == NULL || cell == NULL) {
		fftw_free(grid);
		fftw_free(ft);
		free(cell);
		return -1;
	}
	pthread_mutex_lock(&cache_lock);
	forward = fftw_plan_dft_2d((int)g, (int)g, grid, ft, FFTW_FORWARD,
				   FFTW_ESTIMATE);
	backward = fftw_plan_dft_2d((int)g, (int)g, ft, grid, FFTW_BACKWARD,
				    FFTW_ESTIMATE);
	pthread_mutex_unlock(&cache_lock);

	complete_sum(mdl, &ax, &bx, -1, forward, backward, grid, ft, g);
	double ev = 0.0, ea = 0.0, total = 0.0, em[CML_MAX_TYPES] = { 0.0 };
	for (size_t ia = 0; ia < g; ia++)
		for (size_t ib = 0; ib < g; ib++) {
			struct complete_cell *c = &cell[ia * g + ib];
			double p = creal(grid[ia * g + ib]) / (double)cells;
			c->mass = p > 1e-18;
			if (!c->mass)
				continue;
			double a_coef = n * ax.low +
					ax.h * (double)axis_index(&ax, ia, g);
			double b_coef = fmax(0.0, n * bx.low +
					     bx.h * (double)axis_index(&bx, ib, g));
			c->s = a_coef > 0.0 ? complete_root(mdl, a_coef, b_coef) :
					      0.0;
			c->accuracy = accuracy_eval(&mdl->accuracy, c->s, NULL,
						    NULL);
			c->value = valuation_eval(&mdl->valuation, c->accuracy,
						  NULL, NULL);
			ea += p * c->accuracy;
			ev += p * c->value;
			for (int i = 0; i < types; i++)
				em[i] += p * complete_contribution(mdl, i, c->s,
								   c->value);
			total += p;
		}
	out->expected_value = ev / total;
	out->expected_accuracy = ea / total;
	/*
	 * Given n_i >= 1: E[g 1{n_i >= 1}] = E[g] - q E[g | no type i],
	 * q = (1 - p_i)^N, the second from the draws without type i (on
	 * the same grid, so the points and their roots are shared).
	 */
	for (int i = 0; i < types; i++) {
		double q = types > 1 ? pow(1.0 - mdl->prob[i], n) : 0.0;
		double wv = 0.0, wm = 0.0, wt = 0.0;
		if (q >= ABSENCE_NEGLIGIBLE) {
			complete_sum(mdl, &ax, &bx, i, forward, backward, grid,
				     ft, g);
			for (size_t c = 0; c < cells; c++) {
				if (!cell[c].mass)
					continue;
				double p = creal(grid[c]) / (double)cells;
				wv += p * cell[c].value;
				wm += p * complete_contribution(mdl, i, cell[c].s,
								cell[c].value);
				wt += p;
			}
		}
		double keep = 1.0 - q;
		out->type_value[i] = (ev / total - (wt > 0.0 ? q * wv / wt : 0.0)) /
				     keep;
		out->contribution[i] = (em[i] / total -
					(wt > 0.0 ? q * wm / wt : 0.0)) / keep;
	}
	pthread_mutex_lock(&cache_lock);
	fftw_destroy_plan(forward);
	fftw_destroy_plan(backward);
	pthread_mutex_unlock(&cache_lock);
	fftw_free(grid);
	fftw_free(ft);
	free(cell);
	return 0;
}
