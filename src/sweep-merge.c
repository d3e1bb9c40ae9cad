/*
 * sweep-merge.c - rebuilding one sweep from its shards (CSV or JSON).
 *
 * Both formats are read as the lines sweep-report.c writes: a CSV header
 * and one row per point; a JSON document whose "points" array holds one
 * block per point at a fixed indentation.  A point is "not done" in the
 * shards that did not compute it, and its status field says so.
 */
#define _POSIX_C_SOURCE 200809L
#include "sweep-merge.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

struct line {
	const char *p;
	size_t n;
};

struct shard {
	const struct merge_input *in;
	struct line *lines;
	int count;
};

static bool line_is(struct line l, const char *text)
{
	return l.n == strlen(text) && memcmp(l.p, text, l.n) == 0;
}

static bool line_starts(struct line l, const char *text)
{
	size_t n = strlen(text);
	return l.n >= n && memcmp(l.p, text, n) == 0;
}

static bool lines_equal(struct line a, struct line b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* Splits text into lines (a last line without '\n' counts). */
static int split_lines(struct shard *sh, struct cml_error *err)
{
	const char *p = sh->in->text, *end = p + sh->in->len;
	size_t most = 1;

	for (const char *q = p; q < end; q++)
		most += *q == '\n';
	sh->count = 0;
	sh->lines = malloc(most * sizeof(*sh->lines));
	if (sh->lines == NULL) {
		cml_error_set(err, sh->in->name, 0, 0, "out of memory");
		return -1;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		sh->lines[sh->count++] = (struct line){ p, n };
		p += n + (nl != NULL);
	}
	if (sh->count == 0) {
		cml_error_set(err, sh->in->name, 0, 0, "empty: not a sweep");
		return -1;
	}
	return 0;
}

/* ---- CSV ---- */

/*
 * The raw text of field k of a CSV line (quotes kept), or false if the
 * line has fewer fields or an unclosed quote.
 */
static bool csv_field_at(struct line l, int k, struct line *field)
{
	size_t i = 0;

	for (int f = 0;; f++) {
		size_t start = i;
		bool quoted = i < l.n && l.p[i] == '"';
		if (quoted) {
			for (i++; i < l.n; i++)
				if (l.p[i] == '"') {
					if (i + 1 < l.n && l.p[i + 1] == '"')
						i++;
					else
						break;
				}
			if (i >= l.n)
				return false; /* unclosed */
			i++;
		}
		while (i < l.n && l.p[i] != ',')
			i++;
		if (f == k) {
			*field = (struct line){ l.p + start, i - start };
			return true;
		}
		if (i >= l.n)
			return false;
		i++; /* the comma */
	}
}

/* The column of "status" in the header: the axes come before it. */
static int csv_status_column(struct line header)
{
	struct line field;

	for (int k = 0; k < 3 && csv_field_at(header, k, &field); k++)
		if (line_is(field, "status"))
			return k;
	return -1;
}

static int merge_csv(struct shard *sh, int count, FILE *out,
		     struct cml_error *err)
{
	int status_col = csv_status_column(sh[0].lines[0]);

	struct line header = sh[0].lines[0];
	if (status_col < 1 || sh[0].count < 2 || header.n < 7 ||
	    memcmp(header.p + header.n - 7, ",reason", 7) != 0) {
		cml_error_set(err, sh[0].in->name, 1, 0, "not a sweep's CSV "
			      "(axes, status, ..., reason; one row per point)");
		return -1;
	}
	for (int f = 1; f < count; f++) {
		if (!lines_equal(sh[f].lines[0], sh[0].lines[0])) {
			cml_error_set(err, sh[f].in->name, 1, 0, "the header "
				      "differs from %s's: not a shard of the "
				      "same sweep", sh[0].in->name);
			return -1;
		}
		if (sh[f].count != sh[0].count) {
			cml_error_set(err, sh[f].in->name, 0, 0, "%d rows, but "
				      "%s has %d: not a shard of the same sweep",
				      sh[f].count - 1, sh[0].in->name,
				      sh[0].count - 1);
			return -1;
		}
	}
	fprintf(out, "%.*s\n", (int)sh[0].lines[0].n, sh[0].lines[0].p);
	for (int r = 1; r < sh[0].count; r++) {
		int chosen = -1;
		struct line key0, key, status;
		if (!csv_field_at(sh[0].lines[r], status_col, &status)) {
			cml_error_set(err, sh[0].in->name, r + 1, 0,
				      "a row cut short");
			return -1;
		}
		key0 = (struct line){ sh[0].lines[r].p,
				      (size_t)(status.p - sh[0].lines[r].p) };
		for (int f = 0; f < count; f++) {
			struct line row = sh[f].lines[r];
			if (!csv_field_at(row, status_col, &status)) {
				cml_error_set(err, sh[f].in->name, r + 1, 0,
					      "a row cut short");
				return -1;
			}
			key = (struct line){ row.p, (size_t)(status.p - row.p) };
			if (!lines_equal(key, key0)) {
				cml_error_set(err, sh[f].in->name, r + 1, 0,
					      "the point (%.*s) differs from "
					      "%s's: not a shard of the same "
					      "sweep", (int)key.n, key.p,
					      sh[0].in->name);
				return -1;
			}
			if (line_is(status, "not done"))
				continue;
			if (chosen < 0) {
				chosen = f;
			} else if (!lines_equal(row, sh[chosen].lines[r])) {
				cml_error_set(err, sh[f].in->name, r + 1, 0,
					      "the point is done differently "
					      "in %s", sh[chosen].in->name);
				return -1;
			}
		}
		if (chosen < 0) {
			cml_error_set(err, sh[0].in->name, r + 1, 0, "the point "
				      "(%.*s) is done in no file: a shard is "
				      "missing", (int)key0.n - 1, key0.p);
			return -1;
		}
		fprintf(out, "%.*s\n", (int)sh[chosen].lines[r].n,
			sh[chosen].lines[r].p);
	}
	return 0;
}

/* ---- JSON ---- */

#define POINTS_OPEN "  \"points\": ["
#define POINT_OPEN "    {"
#define POINT_NOT_DONE "      \"status\": \"not done\","
#define SECONDS "  \"seconds\": "

/* Where a JSON shard's parts are: header, point blocks, tail. */
struct json_layout {
	int points_line;    /* the POINTS_OPEN line */
	int npoints;
	int *start, *end;   /* each block's first and last line */
	int tail;           /* the line after the array's closing line */
};

static int json_layout(const struct shard *sh, struct json_layout *j,
		       struct cml_error *err)
{
	int i = 0;

	memset(j, 0, sizeof(*j));
	while (i < sh->count && !line_is(sh->lines[i], POINTS_OPEN))
		i++;
	if (i == sh->count) {
		cml_error_set(err, sh->in->name, 0, 0, "no \"points\" array: "
			      "not a sweep's JSON");
		return -1;
	}
	j->points_line = i++;
	/* A block has two lines at least: count / 2 bounds their number. */
	j->start = malloc(((size_t)sh->count / 2 + 1) * sizeof(int));
	j->end = malloc(((size_t)sh->count / 2 + 1) * sizeof(int));
	if (j->start == NULL || j->end == NULL) {
		cml_error_set(err, sh->in->name, 0, 0, "out of memory");
		return -1;
	}
	while (i < sh->count && line_is(sh->lines[i], POINT_OPEN)) {
		int first = i;
		while (i < sh->count && !line_is(sh->lines[i], "    }") &&
		       !line_is(sh->lines[i], "    },"))
			i++;
		if (i == sh->count)
			break;
		j->start[j->npoints] = first;
		j->end[j->npoints++] = i++;
	}
	if (i >= sh->count ||
	    !(line_is(sh->lines[i], "  ],") || line_is(sh->lines[i], "  ]"))) {
		cml_error_set(err, sh->in->name, i + 1, 0, "the points array "
			      "does not end as a sweep's does");
		return -1;
	}
	j->tail = i;
	return 0;
}

static void json_layout_free(struct json_layout *j)
{
	free(j->start);
	free(j->end);
}

static bool block_not_done(const struct shard *sh, const struct json_layout *j,
			   int k)
{
	for (int i = j->start[k]; i <= j->end[k]; i++)
		if (line_is(sh->lines[i], POINT_NOT_DONE))
			return true;
	return false;
}

static bool blocks_equal(const struct shard *a, const struct json_layout *ja,
			 const struct shard *b, const struct json_layout *jb,
			 int k)
{
	int n = ja->end[k] - ja->start[k];

	if (jb->end[k] - jb->start[k] != n)
		return false;
	for (int i = 0; i <= n; i++)
		if (!lines_equal(a->lines[ja->start[k] + i],
				 b->lines[jb->start[k] + i]))
			return false;
	return true;
}

/* The first lines of a block ("ix", "iy", "x", "y"): which point it is. */
static bool same_point(const struct shard *a, const struct json_layout *ja,
		       const struct shard *b, const struct json_layout *jb,
		       int k)
{
	for (int i = 1; i <= 4; i++) {
		struct line la = a->lines[ja->start[k] + i];
		struct line lb = b->lines[jb->start[k] + i];
		if (line_starts(la, "      \"valid\""))
			return line_starts(lb, "      \"valid\"");
		if (!lines_equal(la, lb))
			return false;
	}
	return true;
}

static int json_check_frame(const struct shard *sh, const struct json_layout *j,
			    int count, struct cml_error *err)
{
	for (int f = 1; f < count; f++) {
		if (j[f].npoints != j[0].npoints) {
			cml_error_set(err, sh[f].in->name, 0, 0, "%d points, "
				      "%s has %d: not a shard of the same sweep",
				      j[f].npoints, sh[0].in->name,
				      j[0].npoints);
			return -1;
		}
		if (j[f].points_line != j[0].points_line ||
		    sh[f].count - j[f].tail != sh[0].count - j[0].tail) {
			cml_error_set(err, sh[f].in->name, 0, 0, "its scenario "
				      "or axes differ from %s's: not a shard of "
				      "the same sweep", sh[0].in->name);
			return -1;
		}
		for (int i = 0; i < j[0].points_line; i++)
			if (!lines_equal(sh[f].lines[i], sh[0].lines[i])) {
				cml_error_set(err, sh[f].in->name, i + 1, 0,
					      "differs from %s: not a shard of "
					      "the same sweep", sh[0].in->name);
				return -1;
			}
		for (int i = j[0].tail; i < sh[0].count; i++) {
			int fi = j[f].tail + (i - j[0].tail);
			if (line_starts(sh[0].lines[i], SECONDS) &&
			    line_starts(sh[f].lines[fi], SECONDS))
				continue;
			if (!lines_equal(sh[f].lines[fi], sh[0].lines[i])) {
				cml_error_set(err, sh[f].in->name, fi + 1, 0,
					      "differs from %s: not a shard of "
					      "the same sweep", sh[0].in->name);
				return -1;
			}
		}
	}
	return 0;
}

static int merge_json_blocks(const struct shard *sh,
			     const struct json_layout *j, int count, FILE *out,
			     struct cml_error *err)
{
	for (int i = 0; i <= j[0].points_line; i++)
		fprintf(out, "%.*s\n", (int)sh[0].lines[i].n, sh[0].lines[i].p);
	for (int k = 0; k < j[0].npoints; k++) {
		int chosen = -1;
		for (int f = 0; f < count; f++) {
			if (!same_point(&sh[f], &j[f], &sh[0], &j[0], k)) {
				cml_error_set(err, sh[f].in->name,
					      j[f].start[k] + 2, 0, "point %d "
					      "differs from %s's: not a shard of "
					      "the same sweep", k + 1,
					      sh[0].in->name);
				return -1;
			}
			if (block_not_done(&sh[f], &j[f], k))
				continue;
			if (chosen < 0)
				chosen = f;
			else if (!blocks_equal(&sh[f], &j[f], &sh[chosen],
					       &j[chosen], k)) {
				cml_error_set(err, sh[f].in->name,
					      j[f].start[k] + 1, 0, "point %d "
					      "is done differently in %s", k + 1,
					      sh[chosen].in->name);
				return -1;
			}
		}
		if (chosen < 0) {
			cml_error_set(err, sh[0].in->name, j[0].start[k] + 1, 0,
				      "point %d is done in no file: a shard is "
				      "missing", k + 1);
			return -1;
		}
		for (int i = j[chosen].start[k]; i <= j[chosen].end[k]; i++)
			fprintf(out, "%.*s\n", (int)sh[chosen].lines[i].n,
				sh[chosen].lines[i].p);
	}
	return 0;
}

static int merge_json(struct shard *sh, int count, FILE *out,
		      struct cml_error *err)
{
	struct json_layout *j = calloc((size_t)count, sizeof(*j));
	int status = j == NULL ? -1 : 0;

	if (j == NULL)
		cml_error_set(err, NULL, 0, 0, "out of memory");
	for (int f = 0; f < count && status == 0; f++)
		status = json_layout(&sh[f], &j[f], err);
	if (status == 0)
		status = json_check_frame(sh, j, count, err);
	if (status == 0)
		status = merge_json_blocks(sh, j, count, out, err);
	if (status == 0) {
		/* The tail, with the shards' seconds added up. */
		for (int i = j[0].tail; i < sh[0].count; i++) {
			struct line l = sh[0].lines[i];
			if (!line_starts(l, SECONDS)) {
				fprintf(out, "%.*s\n", (int)l.n, l.p);
				continue;
			}
			double total = 0.0;
			for (int f = 0; f < count; f++) {
				struct line lf = sh[f].lines[j[f].tail + (i -
								j[0].tail)];
				char num[64];
				size_t n = lf.n - strlen(SECONDS);
				snprintf(num, sizeof(num), "%.*s",
					 (int)(n < 63 ? n : 63),
					 lf.p + strlen(SECONDS));
				total += strtod(num, NULL);
			}
			char buf[40];
			bool comma = l.p[l.n - 1] == ',';
			fprintf(out, "%s%s%s\n", SECONDS,
				numfmt_exact(buf, sizeof(buf), total),
				comma ? "," : "");
		}
	}
	for (int f = 0; j != NULL && f < count; f++)
		json_layout_free(&j[f]);
	free(j);
	return status;
}

int sweep_merge(const struct merge_input *in, int count, FILE *out,
		struct cml_error *err)
{
	struct shard *sh = calloc((size_t)count, sizeof(*sh));
	char *text = NULL;
	size_t len = 0;
	FILE *mem = NULL;
	int status = 0;

	cml_error_clear(err);
	if (count < 1 || sh == NULL) {
		cml_error_set(err, NULL, 0, 0, count < 1 ? "no files to merge" :
			      "out of memory");
		free(sh);
		return -1;
	}
	for (int f = 0; f < count && status == 0; f++) {
		sh[f].in = &in[f];
		status = split_lines(&sh[f], err);
	}
	bool json = status == 0 && sh[0].lines[0].n > 0 &&
		    sh[0].lines[0].p[0] == '{';
	for (int f = 1; f < count && status == 0; f++)
		if ((sh[f].lines[0].n > 0 && sh[f].lines[0].p[0] == '{') !=
		    json) {
			cml_error_set(err, in[f].name, 1, 0, "%s, but %s is %s",
				      json ? "CSV" : "JSON", in[0].name,
				      json ? "JSON" : "CSV");
			status = -1;
		}
	/* Into memory first: nothing is written unless all is well. */
	if (status == 0 && (mem = open_memstream(&text, &len)) == NULL) {
		cml_error_set(err, NULL, 0, 0, "out of memory");
		status = -1;
	}
	if (status == 0)
		status = json ? merge_json(sh, count, mem, err) :
				merge_csv(sh, count, mem, err);
	if (mem != NULL && fclose(mem) != 0 && status == 0) {
		cml_error_set(err, NULL, 0, 0, "out of memory");
		status = -1;
	}
	if (status == 0)
		fwrite(text, 1, len, out);
	free(text);
	for (int f = 0; f < count; f++)
		free(sh[f].lines);
	free(sh);
	return status;
}
