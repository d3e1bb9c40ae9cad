/*
 * sweep-merge.h - rebuilding one sweep from its shards.
 *
 * "sweep --shard K/M" writes the whole grid, with the points of other
 * shards as "not done" (sweep-report.h).  Merging takes, for every point,
 * the file in which it is done; the result is byte for byte what one run
 * of "sweep --cold" writes, except JSON's closing "seconds", which becomes
 * the shards' total.  Every file must come from the same sweep (the same
 * header, the same points in the same order); a point done in no file, or
 * done differently in two, is an error that names the files and lines.
 */
#ifndef CML_SWEEP_MERGE_H
#define CML_SWEEP_MERGE_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

struct merge_input {
	const char *name;  /* for messages: the file's path */
	const char *text;  /* its contents (need not be NUL-terminated) */
	size_t len;
};

/*
 * Merges count shards (CSV or JSON, all the same) to out.  Returns 0, or
 * -1 with err = {file, line, 0, what is wrong} and nothing written.
 */
int sweep_merge(const struct merge_input *in, int count, FILE *out,
		struct cml_error *err);

#endif
