/*
 * fit.h - fitting an accuracy family to a measured learning curve.
 *
 * The data are (data amount, accuracy) pairs read from CSV text; a fit is
 * least squares in accuracy over the family's supported parameter box
 * (param.h), so that every fitted curve is one the engine solves.  The
 * fit also says where the data do not determine a parameter.  Engine
 * only: no output of its own, errors as values with a place.
 */
#ifndef CML_FIT_H
#define CML_FIT_H

#include <stddef.h>

#include "accuracy.h"
#include "error.h"

/* Most points read from one file. */
#define FIT_MAX_POINTS 100000
/* Most warnings one fit gives. */
#define FIT_MAX_WARNINGS 8
#define FIT_WARNING_MAX 200

struct fit_point {
	double amount;   /* data amount m >= 0 */
	double accuracy; /* measured accuracy in [0, 1] */
	int line;        /* 1-based line of the file it came from */
};

/* The points of one file; free with fit_data_free(). */
struct fit_data {
	struct fit_point *point;
	size_t count;
	int end_line; /* the line after the last one, for errors about all */
};

/*
 * Reads comma-separated text: one point per line (data amount, accuracy;
 * further columns ignored), blank lines skipped, and a first line that
 * does not start with a number taken as a header.  Returns 0 with *out
 * filled (caller frees), or -1 with err at origin:line:col (not a number,
 * fewer than 2 columns, a negative amount, an accuracy outside [0, 1], no
 * points at all).  Independent of the process locale.
 */
int fit_read_csv(const char *text, size_t len, const char *origin,
		 struct fit_data *out, struct cml_error *err);

void fit_data_free(struct fit_data *data);

struct fit_result {
	struct accuracy acc; /* the fitted curve, prepared, inside the ranges */
	double rms;          /* sqrt(mean((a(m_k) - accuracy_k)^2)) */
	int nwarnings;
	char warning[FIT_MAX_WARNINGS][FIT_WARNING_MAX];
};

/*
 * Fits family to data.  Returns 0 with *out filled, or -1 with err at
 * origin (line = data->end_line) when there are fewer points than the
 * family has parameters.
 */
int fit_family(const struct fit_data *data,
	       const struct accuracy_family *family, const char *origin,
	       struct fit_result *out, struct cml_error *err);

/* a(m_k) - accuracy_k under the fitted curve. */
double fit_residual(const struct fit_result *fit, const struct fit_point *p);

#endif
