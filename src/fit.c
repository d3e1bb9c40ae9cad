/*
 * fit.c - least-squares fits of accuracy families to measured points.
 *
 * Each parameter is mapped to u in [0, 1] over its supported range
 * (logarithmically when the range spans more than a decade), so the box
 * constraints are the unit cube and a projected Levenberg-Marquardt keeps
 * every iterate inside the ranges.  The Jacobian is taken by central
 * differences in u, through accuracy_eval(), so any family fits without
 * code of its own.  Several starts spread over the box guard against the
 * flat zero region of a(m) and the valleys of correlated parameters.
 */
#include "fit.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c-locale.h"

#define MAXP ACCURACY_MAX_PARAMS
/* Starts per parameter (3^p starts in all). */
#define STARTS_PER_PARAM 3
#define LM_ITERATIONS 400
/* A parameter whose effect others match this closely is not determined. */
#define DEPENDENT_VIF 1e6

/* ---- reading ---------------------------------------------------------- */

/* One comma-separated field: [start, end) with spaces trimmed. */
struct field {
	const char *start, *end;
};

/* Splits line [s, e) at commas into at most max fields; returns how many. */
static int split_fields(const char *s, const char *e, struct field *f,
			int max)
{
	int n = 0;

	while (n < max) {
		const char *comma = memchr(s, ',', (size_t)(e - s));
		const char *stop = comma != NULL ? comma : e;
		const char *a = s, *b = stop;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		f[n].start = a;
		f[n].end = b;
		n++;
		if (comma == NULL)
			break;
		s = comma + 1;
	}
	return n;
}

/* Reads the whole field as a finite number (C locale); 0 or -1. */
static int field_number(const struct field *f, double *out)
{
	char buf[64], *end;
	size_t len = (size_t)(f->end - f->start);

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, f->start, len);
	buf[len] = '\0';
	/* strtod would take "inf", "nan" and hex: only decimals here. */
	for (size_t i = 0; i < len; i++)
		if (!(isdigit((unsigned char)buf[i]) || strchr("+-.eE", buf[i])))
			return -1;
	errno = 0;
	*out = strtod(buf, &end);
	if (end != buf + len || !isfinite(*out))
		return -1;
	return 0;
}

static int read_lines(const char *text, size_t len, const char *origin,
		      struct fit_data *out, struct cml_error *err)
{
	const char *p = text, *stop = text + len;
	size_t cap = 0;
	int line = 0;
	bool first = true;

	/* A UTF-8 byte-order mark is not part of the first field. */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < stop) {
		const char *nl = memchr(p, '\n', (size_t)(stop - p));
		const char *e = nl != NULL ? nl : stop;
		const char *line_start = p;
		struct field f[2];
		double amount, accuracy;
		line++;
		p = nl != NULL ? nl + 1 : stop;
		if (e > line_start && e[-1] == '\r')
			e--;
		int n = split_fields(line_start, e, f, 2);
		if (n == 1 && f[0].start == f[0].end)
			continue; /* blank */
		bool numeric = field_number(&f[0], &amount) == 0;
		if (first && !numeric) {
			first = false;
			continue; /* the header */
		}
		first = false;
		int col0 = (int)(f[0].start - line_start) + 1;
		if (!numeric) {
			cml_error_set(err, origin, line, col0, "the data amount "
				      "'%.*s' is not a number",
				      (int)fmin(40, (double)(f[0].end - f[0].start)),
				      f[0].start);
			return -1;
		}
		if (n < 2) {
			cml_error_set(err, origin, line, (int)(e - line_start) + 1,
				      "fewer than 2 columns: each line needs a "
				      "data amount and an accuracy");
			return -1;
		}
		int col1 = (int)(f[1].start - line_start) + 1;
		if (field_number(&f[1], &accuracy) != 0) {
			cml_error_set(err, origin, line, col1, "the accuracy "
				      "'%.*s' is not a number",
				      (int)fmin(40, (double)(f[1].end - f[1].start)),
				      f[1].start);
			return -1;
		}
		if (amount < 0.0) {
			cml_error_set(err, origin, line, col0, "the data amount "
				      "%g is negative", amount);
			return -1;
		}
		if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
			cml_error_set(err, origin, line, col1, "the accuracy %g "
				      "is outside [0, 1]", accuracy);
			return -1;
		}
		if (out->count == FIT_MAX_POINTS) {
			cml_error_set(err, origin, line, 1, "more than %d points",
				      FIT_MAX_POINTS);
			return -1;
		}
		if (out->count == cap) {
			size_t next = cap == 0 ? 64 : 2 * cap;
			struct fit_point *grown =
				realloc(out->point, next * sizeof(*grown));
			if (grown == NULL) {
				cml_error_set(err, origin, line, 1, "out of "
					      "memory");
				return -1;
			}
			out->point = grown;
			cap = next;
		}
		out->point[out->count++] = (struct fit_point){
			.amount = amount, .accuracy = accuracy, .line = line };
	}
	out->end_line = line + 1;
	if (out->count == 0) {
		cml_error_set(err, origin, line > 0 ? line : 1, 1, "no data: "
			      "expected lines of data amount, accuracy");
		return -1;
	}
	return 0;
}

int fit_read_csv(const char *text, size_t len, const char *origin,
		 struct fit_data *out, struct cml_error *err)
{
	struct c_locale scope;
	int rc;

	memset(out, 0, sizeof(*out));
	cml_error_clear(err);
	if (c_locale_enter(&scope, origin, err) != 0)
		return -1;
	rc = read_lines(text, len, origin, out, err);
	c_locale_leave(&scope);
	if (rc != 0)
		fit_data_free(out);
	return rc;
}

void fit_data_free(struct fit_data *data)
{
	free(data->point);
	data->point = NULL;
	data->count = 0;
}

/* ---- fitting ---------------------------------------------------------- */

/* True when parameter d is fitted on a log scale. */
static bool log_scaled(const struct param_desc *d)
{
	return d->min > 0.0 && d->max / d->min > 10.0;
}

/* The parameter value at u in [0, 1] of d's range. */
static double from_unit(const struct param_desc *d, double u)
{
	if (log_scaled(d))
		return d->min * pow(d->max / d->min, u);
	return d->min + (d->max - d->min) * u;
}

static double to_unit(const struct param_desc *d, double v)
{
	if (log_scaled(d))
		return log(v / d->min) / log(d->max / d->min);
	return (v - d->min) / (d->max - d->min);
}

struct problem {
	const struct fit_data *data;
	const struct accuracy_family *family;
};

/* The curve at unit point u; -1 if the family refuses it. */
static int curve_at(const struct problem *pb, const double *u,
		    struct accuracy *acc)
{
	char why[128];

	accuracy_init_default(acc, pb->family);
	for (int j = 0; j < pb->family->nparams; j++) {
		const struct param_desc *d = &pb->family->params[j];
		double v = from_unit(d, fmin(1.0, fmax(0.0, u[j])));
		acc->param[j] = fmin(d->max, fmax(d->min, v));
	}
	return accuracy_prepare(acc, why, sizeof(why));
}

/* Residuals at u into r; returns the sum of squares (inf if refused). */
static double residuals(const struct problem *pb, const double *u, double *r)
{
	struct accuracy acc;
	double sum = 0.0;

	if (curve_at(pb, u, &acc) != 0)
		return INFINITY;
	for (size_t k = 0; k < pb->data->count; k++) {
		const struct fit_point *p = &pb->data->point[k];
		r[k] = accuracy_eval(&acc, p->amount, NULL, NULL) - p->accuracy;
		sum += r[k] * r[k];
	}
	return sum;
}

/* Jacobian by central differences in u (one-sided at the box's faces). */
static void jacobian(const struct problem *pb, const double *u, double *jac,
		     double *r_plus, double *r_minus)
{
	int np = pb->family->nparams;
	size_t n = pb->data->count;
	const double h = 1e-6;

	for (int j = 0; j < np; j++) {
		double up[MAXP], down[MAXP];
		memcpy(up, u, sizeof(up));
		memcpy(down, u, sizeof(down));
		up[j] = fmin(1.0, u[j] + h);
		down[j] = fmax(0.0, u[j] - h);
		(void)residuals(pb, up, r_plus);
		(void)residuals(pb, down, r_minus);
		for (size_t k = 0; k < n; k++)
			jac[k * MAXP + j] = (r_plus[k] - r_minus[k]) /
					    (up[j] - down[j]);
	}
}

/* Solves the np x np system a x = b in place (partial pivoting); 0 or -1. */
static int solve_small(int np, double a[MAXP][MAXP], double *b)
{
	for (int c = 0; c < np; c++) {
		int piv = c;
		for (int r = c + 1; r < np; r++)
			if (fabs(a[r][c]) > fabs(a[piv][c]))
				piv = r;
		if (!(fabs(a[piv][c]) > 0.0))
			return -1;
		for (int k = 0; k < np; k++) {
			double t = a[c][k];
			a[c][k] = a[piv][k];
			a[piv][k] = t;
		}
		double t = b[c];
		b[c] = b[piv];
		b[piv] = t;
		for (int r = c + 1; r < np; r++) {
			double f = a[r][c] / a[c][c];
			for (int k = c; k < np; k++)
				a[r][k] -= f * a[c][k];
			b[r] -= f * b[c];
		}
	}
	for (int c = np - 1; c >= 0; c--) {
		for (int k = c + 1; k < np; k++)
			b[c] -= a[c][k] * b[k];
		b[c] /= a[c][c];
	}
	return 0;
}

/* Normal matrix J^T J and gradient J^T r. */
static void normal_equations(int np, size_t n, const double *jac,
			     const double *r, double jtj[MAXP][MAXP],
			     double *jtr)
{
	for (int i = 0; i < np; i++) {
		jtr[i] = 0.0;
		for (int j = 0; j < np; j++)
			jtj[i][j] = 0.0;
	}
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < np; i++) {
			jtr[i] += jac[k * MAXP + i] * r[k];
			for (int j = 0; j < np; j++)
				jtj[i][j] += jac[k * MAXP + i] * jac[k * MAXP + j];
		}
}

/* Projected Levenberg-Marquardt from u (updated); returns the cost. */
static double levenberg_marquardt(const struct problem *pb, double *u,
				  double *r, double *jac, double *work1,
				  double *work2)
{
	int np = pb->family->nparams;
	size_t n = pb->data->count;
	double cost = residuals(pb, u, r), lambda = 1e-3;

	for (int it = 0; it < LM_ITERATIONS && isfinite(cost); it++) {
		double jtj[MAXP][MAXP], jtr[MAXP];
		jacobian(pb, u, jac, work1, work2);
		normal_equations(np, n, jac, r, jtj, jtr);
		bool improved = false;
		while (lambda < 1e12 && !improved) {
			double a[MAXP][MAXP], step[MAXP], trial[MAXP];
			for (int i = 0; i < np; i++) {
				for (int j = 0; j < np; j++)
					a[i][j] = jtj[i][j];
				a[i][i] += lambda * (jtj[i][i] + 1e-12);
				step[i] = -jtr[i];
			}
			if (solve_small(np, a, step) != 0) {
				lambda *= 10.0;
				continue;
			}
			double moved = 0.0;
			for (int i = 0; i < np; i++) {
				trial[i] = fmin(1.0, fmax(0.0, u[i] + step[i]));
				moved = fmax(moved, fabs(trial[i] - u[i]));
			}
			double next = residuals(pb, trial, work1);
			if (next < cost) {
				double gain = cost - next;
				memcpy(u, trial, (size_t)np * sizeof(*u));
				memcpy(r, work1, n * sizeof(*r));
				cost = next;
				lambda = fmax(lambda / 3.0, 1e-12);
				improved = true;
				if (gain <= 1e-15 * cost || moved < 1e-13)
					return cost;
			} else {
				lambda *= 4.0;
			}
		}
		if (!improved)
			break;
	}
	return cost;
}

static void warn(struct fit_result *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(struct fit_result *out, const char *fmt, ...)
{
	va_list ap;

	if (out->nwarnings >= FIT_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(out->warning[out->nwarnings++], FIT_WARNING_MAX, fmt, ap);
	va_end(ap);
}

/*
 * The warnings where the data do not determine the fit: too few distinct
 * amounts, a parameter at a bound of its range, a parameter without
 * effect or whose effect the others nearly match (variance inflation of
 * the normalised Jacobian columns).
 */
static void diagnose(const struct problem *pb, const double *u,
		     const double *jac, struct fit_result *out)
{
	const struct accuracy_family *fam = pb->family;
	int np = fam->nparams, distinct = 0;
	size_t n = pb->data->count;
	double jtj[MAXP][MAXP], zero[MAXP] = { 0 }, norm[MAXP];
	double *dummy = calloc(n, sizeof(*dummy));

	for (size_t k = 0; k < n; k++) {
		bool seen = false;
		for (size_t l = 0; l < k && !seen; l++)
			seen = pb->data->point[l].amount ==
			       pb->data->point[k].amount;
		distinct += !seen;
	}
	if (distinct < np)
		warn(out, "only %d distinct data amounts for %d parameters: "
		     "the fit is not determined", distinct, np);
	for (int j = 0; j < np; j++) {
		const struct param_desc *d = &fam->params[j];
		char range[64];
		param_range(d, range, sizeof(range));
		if (u[j] <= 1e-9 || u[j] >= 1.0 - 1e-9)
			warn(out, "%s = %g is at the end of its supported range "
			     "%s: the best fit may lie outside it (clamped)",
			     d->key, out->acc.param[j], range);
	}
	if (dummy == NULL)
		return;
	normal_equations(np, n, jac, dummy, jtj, zero);
	free(dummy);
	for (int j = 0; j < np; j++)
		norm[j] = sqrt(jtj[j][j]);
	double corr[MAXP][MAXP];
	int live[MAXP], nlive = 0;
	for (int j = 0; j < np; j++) {
		if (!(norm[j] > 1e-12 * sqrt((double)n))) {
			warn(out, "the data do not depend on %s: any value fits "
			     "them as well", fam->params[j].key);
			continue;
		}
		live[nlive++] = j;
	}
	/* VIF_j = [C^-1]_jj for the correlation matrix C of the columns. */
	for (int a = 0; a < nlive; a++) {
		double c[MAXP][MAXP], e[MAXP] = { 0 };
		for (int i = 0; i < nlive; i++)
			for (int k = 0; k < nlive; k++)
				c[i][k] = jtj[live[i]][live[k]] /
					  (norm[live[i]] * norm[live[k]]);
		memcpy(corr, c, sizeof(c));
		e[a] = 1.0;
		double vif = solve_small(nlive, corr, e) == 0 ? e[a] : INFINITY;
		if (!(vif < DEPENDENT_VIF))
			warn(out, "the data hardly determine %s: the other "
			     "parameters can nearly make up for a change in it",
			     fam->params[live[a]].key);
	}
}

int fit_family(const struct fit_data *data,
	       const struct accuracy_family *family, const char *origin,
	       struct fit_result *out, struct cml_error *err)
{
	struct problem pb = { .data = data, .family = family };
	int np = family->nparams, starts = 1;
	size_t n = data->count;
	double best_u[MAXP] = { 0 }, best = INFINITY;

	memset(out, 0, sizeof(*out));
	cml_error_clear(err);
	if (n < (size_t)np) {
		cml_error_set(err, origin, data->end_line, 1, "%zu points are "
			      "fewer than the %d parameters of family %s", n, np,
			      family->name);
		return -1;
	}
	double *r = malloc(n * sizeof(*r)), *w1 = malloc(n * sizeof(*w1));
	double *w2 = malloc(n * sizeof(*w2));
	double *jac = malloc(n * MAXP * sizeof(*jac));
	if (r == NULL || w1 == NULL || w2 == NULL || jac == NULL) {
		free(r);
		free(w1);
		free(w2);
		free(jac);
		cml_error_set(err, origin, 0, 0, "out of memory");
		return -1;
	}
	for (int j = 0; j < np; j++)
		starts *= STARTS_PER_PARAM;
	for (int s = 0; s < starts; s++) {
		double u[MAXP] = { 0 };
		for (int j = 0, rest = s; j < np; j++) {
			u[j] = (0.5 + rest % STARTS_PER_PARAM) / STARTS_PER_PARAM;
			rest /= STARTS_PER_PARAM;
		}
		double cost = levenberg_marquardt(&pb, u, r, jac, w1, w2);
		if (cost < best) {
			best = cost;
			memcpy(best_u, u, sizeof(best_u));
		}
	}
	/* Values as printed (8 digits), still inside the ranges. */
	for (int j = 0; j < np; j++) {
		const struct param_desc *d = &family->params[j];
		char buf[32];
		snprintf(buf, sizeof(buf), "%.8g",
			 from_unit(d, fmin(1.0, fmax(0.0, best_u[j]))));
		double v = fmin(d->max, fmax(d->min, strtod(buf, NULL)));
		best_u[j] = to_unit(d, v);
	}
	(void)curve_at(&pb, best_u, &out->acc);
	for (int j = 0; j < np; j++) {
		const struct param_desc *d = &family->params[j];
		char buf[32];
		snprintf(buf, sizeof(buf), "%.8g", out->acc.param[j]);
		out->acc.param[j] = fmin(d->max, fmax(d->min, strtod(buf, NULL)));
	}
	{
		char why[128];
		(void)accuracy_prepare(&out->acc, why, sizeof(why));
	}
	double sum = 0.0;
	for (size_t k = 0; k < n; k++) {
		double e = fit_residual(out, &data->point[k]);
		sum += e * e;
	}
	out->rms = sqrt(sum / (double)n);
	jacobian(&pb, best_u, jac, w1, w2);
	diagnose(&pb, best_u, jac, out);
	free(r);
	free(w1);
	free(w2);
	free(jac);
	return 0;
}

double fit_residual(const struct fit_result *fit, const struct fit_point *p)
{
	return accuracy_eval(&fit->acc, p->amount, NULL, NULL) - p->accuracy;
}
